"""Award types, person categories and a sample set of eligibility rules, and the indicators
that count awards. All of it is data: a province changes it in the admin.

The rules are a SAMPLE (is_sample): DOMAIN.md could not verify the medal's real thresholds, so
they follow what sibling sector medals require (years in the sector by category, fewer for
women, earlier for holders of a higher honour, remote-area service weighted, no discipline
within five years). Replace them with the regulation in force before relying on them.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

MEDAL = "ky-niem-chuong-dan-van"
# code, name, certificate title, given by, individuals, collectives, once, posthumous, rank
AWARD_TYPES = [
    ("huan-chuong-lao-dong-hang-nhat", "Huân chương Lao động hạng Nhất", "HUÂN CHƯƠNG",
     "Chủ tịch nước", True, True, False, True, 60),
    ("huan-chuong-lao-dong-hang-nhi", "Huân chương Lao động hạng Nhì", "HUÂN CHƯƠNG",
     "Chủ tịch nước", True, True, False, True, 55),
    ("huan-chuong-lao-dong-hang-ba", "Huân chương Lao động hạng Ba", "HUÂN CHƯƠNG",
     "Chủ tịch nước", True, True, False, True, 50),
    (MEDAL, "Kỷ niệm chương “Vì sự nghiệp Dân vận”", "KỶ NIỆM CHƯƠNG",
     "Ban Tuyên giáo và Dân vận Trung ương", True, False, True, False, 30),
    ("bang-khen", "Bằng khen", "BẰNG KHEN", "Chủ tịch Ủy ban nhân dân tỉnh", True, True, False,
     False, 20),
    ("giay-khen", "Giấy khen", "GIẤY KHEN", "Ban Dân vận", True, True, False, False, 10),
]
# Who decides: the medal at the centre, Bằng khen in the province; others at any level.
GIVER_LEVELS = {MEDAL: "central", "bang-khen": "province"}
CATEGORIES = [
    ("chuyen-trach", "Cán bộ chuyên trách công tác dân vận"),
    ("kiem-nhiem", "Cán bộ, đảng viên kiêm nhiệm, phối hợp công tác dân vận"),
    ("nhan-dan", "Nhân dân, người có uy tín"),
]
# category, years, only sector service, fewer for women, fewer for higher honours
SAMPLE_RULES = [
    ("chuyen-trach", "20", True, "5", "5"),
    ("kiem-nhiem", "25", False, "5", "5"),
]
HIGHER_HONOURS = ["huan-chuong-lao-dong-hang-nhat", "huan-chuong-lao-dong-hang-nhi",
                  "huan-chuong-lao-dong-hang-ba"]
SOURCE = "Mẫu theo các kỷ niệm chương cùng loại; chưa đối chiếu quy định hiện hành"


def add(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    PersonCategory = apps.get_model("awards", "PersonCategory")
    EligibilityRule = apps.get_model("awards", "EligibilityRule")
    Indicator = apps.get_model("indicators", "Indicator")
    for code, name, title, giver, individuals, collectives, once, posthumous, rank in AWARD_TYPES:
        AwardType.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                certificate_title=title,
                giver_name=giver,
                for_individuals=individuals,
                for_collectives=collectives,
                once_per_person=once,
                posthumous=posthumous,
                rank=rank,
            ),
        )
    UnitLevel = apps.get_model("units", "UnitLevel")
    for code, level in GIVER_LEVELS.items():
        AwardType.objects.filter(code=code).update(
            giver_level=UnitLevel.objects.filter(code=level).first()
        )
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        PersonCategory.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    medal = AwardType.objects.get(code=MEDAL)
    honours = list(AwardType.objects.filter(code__in=HIGHER_HONOURS))
    for category, years, sector_only, women, honour in SAMPLE_RULES:
        rule, _created = EligibilityRule.objects.update_or_create(
            award_type=medal,
            category=PersonCategory.objects.get(code=category),
            effective_from=dt.date(2017, 1, 1),
            defaults=dict(
                years_required=Decimal(years),
                sector_only=sector_only,
                women_fewer_years=Decimal(women),
                higher_honour_fewer_years=Decimal(honour),
                remote_area_factor=Decimal("1.5"),
                discipline_years=5,
                is_sample=True,
                note=SOURCE,
            ),
        )
        rule.higher_honours.set(honours)
    # The indicators of awards count the awards given (revoked ones stop counting); units
    # that keep no records in danvan may still enter their totals.
    for code, award, kind in (
        ("merit-collectives", "bang-khen", "collective"),
        ("merit-individuals", "bang-khen", "individual"),
    ):
        Indicator.objects.filter(code=code).update(
            record_type="awards.award",
            record_filter={
                "award_type__code": award,
                "recipient_kind": kind,
                "revoked_on__isnull": True,
            },
            record_date="decided_on",
        )
    last = Indicator.objects.order_by("-order").first()
    Indicator.objects.update_or_create(
        code="medals",
        defaults=dict(
            name="Cá nhân được tặng Kỷ niệm chương “Vì sự nghiệp Dân vận”",
            measure="người",
            aggregation="sum",
            record_type="awards.award",
            record_filter={"award_type__code": MEDAL, "revoked_on__isnull": True},
            record_date="decided_on",
            enterable=True,
            is_key=True,
            order=(last.order + 1) if last else 1,
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_awards"),
        ("indicators", "0002_standard_indicators"),
        ("units", "0002_standard_levels_and_kinds"),
    ]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
