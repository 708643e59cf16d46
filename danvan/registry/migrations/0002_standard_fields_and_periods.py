"""The four standard fields and the movement's periods. Data: a province may add sub-fields."""

from django.db import migrations

FIELDS = [
    ("kinh-te", "Kinh tế", 1),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội", 2),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh", 3),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị", 4),
]
PERIODS = [(2011, 2015), (2016, 2020), (2021, 2025), (2026, 2030)]


def create(apps, schema_editor):
    Field = apps.get_model("registry", "Field")
    MovementPeriod = apps.get_model("registry", "MovementPeriod")
    for code, name, order in FIELDS:
        Field.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for start, end in PERIODS:
        MovementPeriod.objects.update_or_create(
            code=f"{start}-{end}",
            defaults={"name": f"Giai đoạn {start} - {end}", "start_year": start, "end_year": end},
        )


def remove(apps, schema_editor):
    apps.get_model("registry", "Field").objects.filter(code__in=[c for c, *_ in FIELDS]).delete()
    apps.get_model("registry", "MovementPeriod").objects.filter(
        code__in=[f"{s}-{e}" for s, e in PERIODS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_registry")]
    operations = [migrations.RunPython(create, remove)]
