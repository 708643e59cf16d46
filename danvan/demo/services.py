"""The demo's sample data: one real province with invented blocks, teams and officers.

Everything is written through the same services as real data, and marked as sample.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_assign, user_create, user_set_password
from danvan.capability.declaration import DemoPart, DemoWorld, capabilities
from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.official import CENTRAL_CODE
from danvan.units.selectors import unit_by_code
from danvan.units.services import NewUnit, unit_create, unit_transfer, units_merge

SAMPLE_PROVINCE_CODE = "42"  # Hà Tĩnh: seed-001's province, unchanged by the 2025 merger
OTHER_PROVINCE_CODE = "40"  # Nghệ An: the outsider's province
BLOCKS = 235
VILLAGE_TEAMS = 1347
DEMO_PASSWORD = "danvan-demo-2026"
REASON = "Dữ liệu mẫu của bản trình diễn"

BLOCK_NAMES = [
    "Khối dân vận các cơ quan",
    "Khối dân vận Công an",
    "Khối dân vận trường học",
    "Khối dân vận Trạm Y tế",
]
VILLAGE_WORDS = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Tân",
    "Phú",
    "Hòa",
    "Thanh",
    "Xuân",
    "Yên",
    "Sơn",
    "Bình",
    "An",
    "Hưng",
    "Minh",
    "Phúc",
    "Lộc",
]


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    description: str


@dataclass
class DemoResult:
    province: Unit
    commune: Unit
    personas: list[tuple[Persona, str]]  # persona, where it works
    created_units: int
    parts: list[DemoPart]  # what each capability added, in its demo order


def _level(code: str) -> UnitLevel:
    return UnitLevel.objects.get(code=code)


def _kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def _commission(province: Unit, legacy_province: Unit) -> int:
    """The provincial commission, with its 2025 history: merger, then the new province."""
    if Unit.objects.filter(code="BTGDV-42").exists():
        return 0
    level, kind = _level("province"), _kind("commission")
    mass = unit_create(
        actor=None,
        code="BDV-42",
        name="Ban Dân vận Tỉnh ủy Hà Tĩnh",
        level=level,
        kind=kind,
        parent=legacy_province,
        valid_from=dt.date(2008, 1, 1),
        is_sample=True,
        reason=REASON,
    )
    propaganda = unit_create(
        actor=None,
        code="BTG-42",
        name="Ban Tuyên giáo Tỉnh ủy Hà Tĩnh",
        level=level,
        kind=kind,
        parent=legacy_province,
        valid_from=dt.date(2008, 1, 1),
        is_sample=True,
        reason=REASON,
    )
    event = units_merge(
        actor=None,
        units=[mass, propaganda],
        on=dt.date(2025, 3, 1),
        new=NewUnit(code="BTGDV-42", name="Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh"),
        decision="Quyết định hợp nhất (mẫu)",
        note="Hợp nhất Ban Tuyên giáo và Ban Dân vận",
    )
    merged = event.links.first()
    assert merged is not None and merged.successor is not None
    unit_transfer(
        actor=None,
        unit=merged.successor,
        on=dt.date(2025, 7, 1),
        parent=province,
        decision="Nghị quyết 202/2025/QH15",
        note="Trực thuộc tỉnh Hà Tĩnh mới",
    )
    return 4


def _blocks_and_teams(province: Unit) -> int:
    if Unit.objects.filter(is_sample=True, kind__code="village_team").exists():
        return 0
    rng = random.Random(42)
    communes = list(province.children.current().filter(level__code="commune").order_by("code"))
    block_level, team_level = _level("commune"), _level("village")
    block_kind, team_kind = _kind("block"), _kind("village_team")
    created = 0
    for number in range(1, BLOCKS + 1):
        commune = communes[(number - 1) % len(communes)]
        round_ = (number - 1) // len(communes)
        name = (
            f"Khối dân vận {commune.name}"
            if round_ == 0
            else f"{BLOCK_NAMES[(round_ - 1) % len(BLOCK_NAMES)]} {commune.name}"
        )
        unit_create(
            actor=None,
            code=f"42-KDV-{number:03d}",
            name=name,
            level=block_level,
            kind=block_kind,
            parent=commune,
            valid_from=None,  # founding dates not recorded: in force as far back as records go
            is_sample=True,
            reason=REASON,
        )
        created += 1
    # Village teams: spread unevenly, as real communes differ in size.
    weights = [rng.uniform(0.5, 1.5) for _ in communes]
    shares = [int(VILLAGE_TEAMS * w / sum(weights)) for w in weights]
    shares[0] += VILLAGE_TEAMS - sum(shares)
    number = 0
    for commune, share in zip(communes, shares, strict=True):
        for index in range(1, share + 1):
            number += 1
            village = (
                f"thôn {rng.choice(VILLAGE_WORDS)} {index}"
                if commune.name.startswith("Xã")
                else f"tổ dân phố {index}"
            )
            unit_create(
                actor=None,
                code=f"42-TDV-{number:04d}",
                name=f"Tổ dân vận {village}",
                level=team_level,
                kind=team_kind,
                parent=commune,
                valid_from=None,  # founding dates not recorded: in force as far back as records go
                is_sample=True,
                reason=REASON,
            )
            created += 1
    return created


def _persona_user(persona: Persona, *, is_superuser: bool) -> User:
    user = User.objects.filter(username=persona.username).first()
    if user is None:
        return user_create(
            actor=None,
            username=persona.username,
            password=DEMO_PASSWORD,
            first_name=persona.first_name,
            last_name=persona.last_name,
            is_superuser=is_superuser,
        )
    return user_set_password(actor=None, user=user, password=DEMO_PASSWORD)


@transaction.atomic
def demo_build() -> DemoResult:
    """Create (or bring back) the sample province and one user per persona."""
    province = unit_by_code(code=SAMPLE_PROVINCE_CODE)
    legacy_province = unit_by_code(code=SAMPLE_PROVINCE_CODE, on=dt.date(2025, 6, 30))
    central = unit_by_code(code=CENTRAL_CODE)
    other = unit_by_code(code=OTHER_PROVINCE_CODE)
    if not (province and legacy_province and central and other):
        raise RuntimeError("Load the official units first: danvan units load-official")
    created = _commission(province, legacy_province) + _blocks_and_teams(province)
    commune = (
        province.children.current()
        .filter(level__code="commune", children__kind__code="village_team")
        .order_by("code")
        .first()
    )
    assert commune is not None
    world = DemoWorld(
        central=central,
        province=province,
        legacy_province=legacy_province,
        commune=commune,
        other_province=other,
    )
    builders = sorted((c for c in capabilities() if c.demo is not None), key=lambda c: c.demo_order)
    parts = [capability.demo(world) for capability in builders if capability.demo is not None]
    personas = [
        (Persona("trunguong", "Quản trị", "Trung ương", "central admin"), central, Role.ADMIN),
        (Persona("tinh", "Cán bộ", "Tỉnh", "province officer"), province, Role.APPROVER),
        (Persona("xa", "Cán bộ", "Xã", "commune officer"), commune, Role.EDITOR),
        (Persona("ngoai", "Cán bộ", "Tỉnh khác", "outsider"), other, Role.VIEWER),
    ]
    result = []
    for persona, unit, role in personas:
        user = _persona_user(persona, is_superuser=unit == central)
        role_assign(actor=None, user=user, unit=unit, role=role, reason=REASON)
        result.append((persona, f"{role.label} · {unit.name}"))
    return DemoResult(
        province=province,
        commune=commune,
        personas=result,
        created_units=created,
        parts=parts,
    )
