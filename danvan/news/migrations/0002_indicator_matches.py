"""Which indicator the facts articles report are values of: statistics by the first words of
what they count, award counts by award and recipient. Data: a province adds its own phrases."""

from django.db import migrations

# kind, folded phrase, indicator code
MATCHES = [
    ("statistic", "mo hinh", "dvk-models"),
    ("statistic", "mo hinh, dien hinh", "dvk-entries"),
    ("statistic", "mo hinh va dien hinh", "dvk-entries"),
    ("statistic", "dien hinh", "dvk-exemplars"),
    ("statistic", "hoi nghi", "conferences"),
    ("statistic", "cuoc tuyen truyen", "conferences"),
    ("statistic", "lop tap huan", "sector-trainings"),
    ("statistic", "lop boi duong", "sector-trainings"),
    ("statistic", "van ban lanh dao", "documents-lead"),
    ("statistic", "van ban chi dao", "documents-lead"),
    ("statistic", "van ban huong dan", "documents-guide"),
    ("statistic", "cuoc kiem tra", "inspections"),
    ("statistic", "cuoc giam sat", "inspections"),
    ("statistic", "cuoc tiep xuc", "dialogues"),
    ("statistic", "cuoc doi thoai", "dialogues"),
    ("statistic", "y kien", "opinions-raised"),
    ("award", "bang_khen/tap_the", "merit-collectives"),
    ("award", "bang_khen/ca_nhan", "merit-individuals"),
    ("award", "ky_niem_chuong/ca_nhan", "medals"),
    ("award", "ky_niem_chuong/", "medals"),
]


def add(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorMatch = apps.get_model("news", "IndicatorMatch")
    for kind, phrase, code in MATCHES:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is not None:
            IndicatorMatch.objects.update_or_create(
                kind=kind, phrase=phrase, defaults={"indicator": indicator}
            )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_articles"), ("awards", "0002_sample_award_types")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
