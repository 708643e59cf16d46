"""The demo province's "Dân vận khéo" entries: 1,229 in force in 2022 (seed-001's figure)."""

import datetime as dt
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.capability.declaration import DemoPart, DemoWorld
from danvan.registry.models import Entry, EntryKind, ExemplarType, Field, MovementPeriod, Status
from danvan.registry.services import entry_create, entry_transition, evidence_add
from danvan.units.models import Unit

IN_FORCE_2022 = 1229
LATER = 160  # started from 2023 on
ENDED_BEFORE_2022 = 40  # discontinued in 2020-2021: not in force in 2022
STATUS_SHARES = [
    (Status.REGISTERED, 0.10),
    (Status.EFFECTIVE, 0.45),
    (Status.RECOGNISED, 0.27),
    (Status.OUTSTANDING, 0.12),
    (Status.PROPOSED, 0.04),
    (Status.DISCONTINUED, 0.02),
]
PATH = [Status.EFFECTIVE, Status.RECOGNISED, Status.OUTSTANDING, Status.PROPOSED]
FIELD_WEIGHTS = [35, 30, 15, 20]
MODEL_NAMES = [
    "Dân vận khéo xây dựng nông thôn mới",
    "Tuyến đường hoa tự quản",
    "Hũ gạo tình thương",
    "Vận động nhân dân hiến đất làm đường",
    "Khu dân cư không có tội phạm",
    "Camera an ninh",
    "Thu gom, phân loại rác thải tại nguồn",
    "Vườn mẫu",
    "Ngày thứ Bảy tình nguyện",
    "Tổ hòa giải ở cơ sở giỏi",
    "Chi bộ bốn tốt",
    "Nhà văn hóa xanh - sạch - đẹp",
    "Sinh kế cho hộ nghèo",
    "Cánh đồng lớn",
    "Nhà đoàn kết",
    "Tiết kiệm vì phụ nữ nghèo",
    "Thắp sáng đường quê",
    "Dòng họ khuyến học",
    "Phiên chợ 0 đồng",
    "Dân vận chính quyền",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phan", "Hoàng", "Võ", "Đặng", "Bùi", "Hồ", "Dương"]
GIVEN = ["Văn Hùng", "Thị Lan", "Đình Nam", "Thị Hoa", "Xuân Bình", "Thị Mai", "Công Minh"]
ORGANISATIONS = [
    "Hội Phụ nữ",
    "Hội Nông dân",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Mặt trận Tổ quốc",
    "Chi bộ thôn",
]
REASON = "Dữ liệu mẫu của bản trình diễn"


def _png() -> bytes:
    """A small valid PNG (a red square) to stand for a photo of the work."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\xa4\x16\x1a" * 16 for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def demo_build(world: DemoWorld) -> DemoPart:
    """Create the sample entries once."""
    if Entry.objects.filter(is_sample=True).exists():
        return DemoPart("0 models and exemplars")
    legacy_province, province = world.legacy_province, world.province
    rng = random.Random(2022)
    old_communes = list(
        Unit.objects.filter(parent__parent=legacy_province, level__code="commune").order_by("code")
    )
    new_communes = list(province.children.current().filter(level__code="commune").order_by("code"))
    fields = list(Field.objects.filter(parent__isnull=True).order_by("order"))
    periods = {p.code: p for p in MovementPeriod.objects.all()}
    plan: list[tuple[dt.date, Status, Unit, dt.date | None]] = []
    statuses = rng.choices(
        [s for s, _ in STATUS_SHARES], [w for _, w in STATUS_SHARES], k=IN_FORCE_2022
    )
    for status in statuses:
        start = dt.date(rng.randint(2016, 2022), rng.randint(1, 12), rng.randint(1, 28))
        ended = dt.date(2023, rng.randint(1, 12), 15) if status == Status.DISCONTINUED else None
        plan.append((start, status, rng.choice(old_communes), ended))
    for _ in range(ENDED_BEFORE_2022):
        start = dt.date(rng.randint(2016, 2019), rng.randint(1, 12), rng.randint(1, 28))
        plan.append(
            (
                start,
                Status.DISCONTINUED,
                rng.choice(old_communes),
                dt.date(rng.randint(2020, 2021), rng.randint(1, 12), 10),
            )
        )
    for _ in range(LATER):
        start = dt.date(rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28))
        start = min(start, dt.date(2026, 10, 1))
        status = rng.choice([Status.REGISTERED, Status.EFFECTIVE, Status.RECOGNISED])
        owner = rng.choice(new_communes if start >= dt.date(2025, 7, 1) else old_communes)
        plan.append((start, status, owner, None))
    created = 0
    for number, (start, status, owner, ended) in enumerate(plan, start=1):
        kind = EntryKind.MODEL if rng.random() < 0.7 else EntryKind.EXEMPLAR
        exemplar_type = ""
        place = owner.name
        if kind == EntryKind.MODEL:
            name = f"Mô hình “{rng.choice(MODEL_NAMES)}” {place}"
            leader = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        elif rng.random() < 0.6:
            exemplar_type = ExemplarType.COLLECTIVE
            name = f"{rng.choice(ORGANISATIONS)} {place}"
            leader = ""
        else:
            exemplar_type = ExemplarType.INDIVIDUAL
            leader = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            name = f"Ông/bà {leader}, {place}"
        period = periods[
            "2016-2020"
            if start.year <= 2020
            else "2021-2025"
            if start.year <= 2025
            else "2026-2030"
        ]
        households = rng.randint(20, 900)
        entry = entry_create(
            actor=None,
            is_sample=True,
            reason=REASON,
            name=name,
            kind=kind,
            exemplar_type=exemplar_type,
            unit=owner,
            commune=owner,
            field=rng.choices(fields, FIELD_WEIGHTS)[0],
            period=period,
            description="Mô hình mẫu của bản trình diễn.",
            method=(
                "Cấp ủy lãnh đạo, chính quyền hỗ trợ, Mặt trận và các đoàn thể vận động"
                " nhân dân cùng làm."
            ),
            results=f"{households} hộ tham gia.",
            result_figure=households,
            result_measure="hộ",
            leader=leader,
            start_date=start,
        )
        day = start
        steps = (
            PATH[: PATH.index(status) + 1]
            if status in PATH
            else (PATH[: rng.randint(0, 2)] if status == Status.DISCONTINUED else [])
        )
        for step_number, step in enumerate(steps, start=1):
            day = min(
                day + dt.timedelta(days=rng.randint(60, 300)),
                (ended or dt.date(2026, 11, 1)) - dt.timedelta(days=len(steps) - step_number + 1),
            )
            day = max(day, entry.status_date)
            entry_transition(
                actor=None,
                entry=entry,
                to=step,
                on=day,
                decision_code=f"{rng.randint(1, 240)}-QĐ/BDVTU",
            )
            entry.refresh_from_db()
        if ended:
            entry_transition(
                actor=None,
                entry=entry,
                to=Status.DISCONTINUED,
                on=max(ended, entry.status_date),
                note="Không còn duy trì",
            )
        if number % 150 == 0:
            evidence_add(
                actor=None,
                entry=entry,
                upload=SimpleUploadedFile("anh-hoat-dong.png", _png(), "image/png"),
            )
        created += 1
    return DemoPart(f"{created} models and exemplars")
