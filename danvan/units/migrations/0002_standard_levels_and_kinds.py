"""The standard levels and kinds. They are data: a province may add its own."""

from django.db import migrations

LEVELS = [
    ("central", "Trung ương", 0, ""),
    ("province", "Tỉnh, thành phố", 1, "Tỉnh và thành phố trực thuộc Trung ương"),
    ("district", "Huyện, quận, thị xã", 2, "Cấp huyện, đến hết ngày 30/6/2025"),
    ("commune", "Xã, phường, đặc khu", 3, "Cấp xã (trước 1/7/2025 gồm cả thị trấn)"),
    ("village", "Thôn, tổ dân phố", 4, "Thôn, làng, bản, ấp, khu dân cư, tổ dân phố"),
]
KINDS = [
    ("party_committee", "Cấp ủy", "Đảng bộ và cấp ủy của địa phương"),
    (
        "commission",
        "Ban Tuyên giáo và Dân vận",
        "Cơ quan tham mưu về công tác dân vận; trước năm 2025 là Ban Dân vận",
    ),
    ("block", "Khối dân vận cơ sở", "Khối dân vận của xã, phường hoặc cơ quan"),
    ("village_team", "Tổ dân vận thôn, khu dân cư", "Khoảng 9 người, do Bí thư chi bộ làm tổ trưởng"),
    ("fatherland_front", "Mặt trận Tổ quốc", ""),
    ("organisation", "Tổ chức chính trị - xã hội", "Nông dân, Phụ nữ, Đoàn Thanh niên, Cựu chiến binh, Công đoàn"),
    ("state_agency", "Cơ quan nhà nước", "Hội đồng nhân dân, Ủy ban nhân dân và các cơ quan"),
]


def create(apps, schema_editor):
    UnitLevel = apps.get_model("units", "UnitLevel")
    UnitKind = apps.get_model("units", "UnitKind")
    for code, name, rank, description in LEVELS:
        UnitLevel.objects.update_or_create(
            code=code, defaults={"name": name, "rank": rank, "description": description}
        )
    for code, name, description in KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "description": description}
        )


def remove(apps, schema_editor):
    apps.get_model("units", "UnitLevel").objects.filter(code__in=[c for c, *_ in LEVELS]).delete()
    apps.get_model("units", "UnitKind").objects.filter(code__in=[c for c, *_ in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
