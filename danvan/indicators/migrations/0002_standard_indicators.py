"""The indicators real reports use (DOMAIN.md, "The work that gets counted"), their checks and
reporting deadlines. Data: a province may change them in the admin."""

from django.db import migrations

# code, name, measure, aggregation, counted from, filter, value, date, until, enterable, key
INDICATORS = [
    ("dvk-entries", "Mô hình, điển hình “Dân vận khéo”", "mô hình", "balance",
     "registry.entry", {}, "", "start_date", "discontinued_on", True, True),
    ("dvk-models", "Mô hình “Dân vận khéo”", "mô hình", "balance",
     "registry.entry", {"kind": "model"}, "", "start_date", "discontinued_on", True, False),
    ("dvk-exemplars", "Điển hình “Dân vận khéo”", "điển hình", "balance",
     "registry.entry", {"kind": "exemplar"}, "", "start_date", "discontinued_on", True, False),
    ("blocks", "Khối dân vận cơ sở", "khối", "balance",
     "units.unit", {"kind__code": "block"}, "", "valid_from", "valid_until", False, True),
    ("village-teams", "Tổ dân vận thôn, tổ dân phố", "tổ", "balance",
     "units.unit", {"kind__code": "village_team"}, "", "valid_from", "valid_until", False, True),
    ("conferences", "Hội nghị tuyên truyền, học tập, quán triệt", "hội nghị", "sum",
     "activities.conference", {"by_sector": False}, "", "date", "", True, True),
    ("conference-persons", "Người tham dự hội nghị", "người", "sum",
     "activities.conference", {"by_sector": False}, "persons", "date", "", True, True),
    ("conference-attendances", "Lượt người tham dự hội nghị", "lượt", "sum",
     "activities.conference", {"by_sector": False}, "attendances", "date", "", True, False),
    ("sector-trainings", "Lớp tập huấn, bồi dưỡng của ngành dân vận", "lớp", "sum",
     "activities.conference", {"by_sector": True, "kind": "training"}, "", "date", "", True, True),
    ("sector-training-persons", "Người dự tập huấn, bồi dưỡng của ngành dân vận", "người", "sum",
     "activities.conference", {"by_sector": True, "kind": "training"}, "persons", "date", "",
     True, True),
    ("documents-lead", "Văn bản lãnh đạo, chỉ đạo", "văn bản", "sum",
     "activities.document", {"role": "lead"}, "", "date", "", True, True),
    ("documents-guide", "Văn bản hướng dẫn", "văn bản", "sum",
     "activities.document", {"role": "guide"}, "", "date", "", True, True),
    ("inspections", "Cuộc kiểm tra, giám sát", "cuộc", "sum",
     "activities.inspection", {}, "", "date", "", True, True),
    ("inspected", "Tổ chức đảng và đảng viên được kiểm tra, giám sát", "tổ chức, đảng viên", "sum",
     "activities.inspection", {}, "inspected", "date", "", True, True),
    ("dialogues", "Cuộc tiếp xúc, đối thoại với nhân dân", "cuộc", "sum",
     "activities.dialogue", {}, "", "date", "", True, True),
    ("dialogues-periodic", "Cuộc đối thoại định kỳ", "cuộc", "sum",
     "activities.dialogue", {"kind": "periodic"}, "", "date", "", True, False),
    ("dialogue-participants", "Lượt người dự đối thoại", "lượt", "sum",
     "activities.dialogue", {}, "participants", "date", "", True, False),
    ("opinions-raised", "Ý kiến nhân dân nêu tại đối thoại", "ý kiến", "sum",
     "activities.dialogue", {}, "opinions_raised", "date", "", True, True),
    ("opinions-answered", "Ý kiến được trả lời tại chỗ", "ý kiến", "sum",
     "activities.dialogue", {}, "opinions_answered", "date", "", True, True),
    ("tasks", "Nhiệm vụ trọng tâm được giao", "nhiệm vụ", "sum",
     "activities.worktask", {}, "", "date", "", True, False),
    ("tasks-done", "Nhiệm vụ trọng tâm hoàn thành", "nhiệm vụ", "sum",
     "activities.worktask", {"done_on__isnull": False}, "", "date", "", True, False),
    ("merit-collectives", "Tập thể được tặng Bằng khen", "tập thể", "sum",
     "", {}, "", "date", "", True, True),
    ("merit-individuals", "Cá nhân được tặng Bằng khen", "cá nhân", "sum",
     "", {}, "", "date", "", True, False),
]
RULES = [
    ("conference-persons", "conferences"),
    ("conference-attendances", "conference-persons"),
    ("sector-training-persons", "sector-trainings"),
    ("inspected", "inspections"),
    ("dialogues", "dialogues-periodic"),
    ("dialogue-participants", "dialogues"),
    ("opinions-raised", "opinions-answered"),
    ("tasks", "tasks-done"),
]
DEADLINES = [("month", 5), ("quarter", 10), ("year", 20)]


def add(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorRule = apps.get_model("indicators", "IndicatorRule")
    ReportingDeadline = apps.get_model("indicators", "ReportingDeadline")
    for order, row in enumerate(INDICATORS, start=1):
        code, name, measure, aggregation, record_type, wanted, value, date, until, enter, key = row
        Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                measure=measure,
                aggregation=aggregation,
                record_type=record_type,
                record_filter=wanted,
                record_value=value,
                record_date=date,
                record_until=until,
                enterable=enter,
                is_key=key,
                order=order,
            ),
        )
    for larger, smaller in RULES:
        IndicatorRule.objects.get_or_create(
            larger=Indicator.objects.get(code=larger), smaller=Indicator.objects.get(code=smaller)
        )
    for grain, days in DEADLINES:
        ReportingDeadline.objects.update_or_create(grain=grain, defaults={"days_after_end": days})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
