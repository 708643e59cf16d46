"""The demo province's people and awards: cadres with their service, some eligible for the
medal "Vì sự nghiệp Dân vận" and some not (too few years, a recent discipline, already
awarded), a likely duplicate, and the 2025 batch decided by the centre around 15/10."""

import datetime as dt
import random
import unicodedata

from danvan.awards.models import AwardType, DisciplineForm, Gender, Person, PersonCategory
from danvan.awards.services import (
    award_record_past,
    batch_create,
    batch_decide,
    batch_submit,
    ceremony_record,
    discipline_add,
    line_add,
    lines_accept_pending,
    person_create,
    service_period_add,
)
from danvan.capability.declaration import DemoPart, DemoWorld
from danvan.units.models import Unit

REASON = "Dữ liệu mẫu của bản trình diễn"
MEN = ["Văn Hùng", "Đình Nam", "Xuân Bình", "Công Minh", "Quang Huy", "Hữu Thắng", "Văn Sơn"]
WOMEN = ["Thị Lan", "Thị Hoa", "Thị Mai", "Thị Hương", "Thị Thu", "Thị Nga", "Thị Hằng"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phan", "Hoàng", "Võ", "Đặng", "Bùi", "Hồ", "Dương"]
POSTS = [
    ("Trưởng ban Dân vận", "Ban Dân vận Huyện ủy"),
    ("Phó trưởng ban Dân vận", "Ban Dân vận Huyện ủy"),
    ("Chuyên viên", "Ban Dân vận Tỉnh ủy"),
    ("Trưởng khối dân vận", "Đảng ủy xã"),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc xã"),
]
# years of service in the sector up to 2026 (women need 5 fewer in the sample rules)
SERVICE_YEARS = [28, 24, 22, 21, 19, 17, 16, 17, 12, 9, 26, 23, 18, 15, 11, 25, 20, 13]


def _without_marks(name: str) -> str:
    """ "Lê Thị Hương" as typed without diacritics: "Le Thi Huong"."""
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _person(
    rng: random.Random, *, index: int, unit: Unit, category: PersonCategory, years: int
) -> Person:
    female = index % 2 == 1
    given = (WOMEN if female else MEN)[index % 7]
    start = dt.date(2026 - years, 1 + index % 12, 1)
    person = person_create(
        actor=None,
        reason=REASON,
        is_sample=True,
        full_name=f"{SURNAMES[index % len(SURNAMES)]} {given}",
        birth_date=dt.date(start.year - 24 - rng.randint(0, 6), 1 + rng.randint(0, 11), 10),
        gender=Gender.FEMALE if female else Gender.MALE,
        category=category,
        unit=unit,
        position=POSTS[index % len(POSTS)][0],
    )
    middle = dt.date(start.year + years // 2, start.month, 1)
    position, organisation = POSTS[(index + 2) % len(POSTS)]
    service_period_add(
        actor=None,
        person=person,
        start=start,
        end=middle - dt.timedelta(days=1),
        position=position,
        organisation=organisation,
        remote_area=index % 9 == 4,
    )
    service_period_add(
        actor=None,
        person=person,
        start=middle,
        position=person.position,
        organisation=POSTS[index % len(POSTS)][1],
    )
    return person


def demo_build(world: DemoWorld) -> DemoPart:
    """Create the sample people and the decided 2025 batch once."""
    province, commune, central = world.province, world.commune, world.central
    if Person.objects.filter(is_sample=True).exists():
        return DemoPart("0 people")
    rng = random.Random(1510)
    full_time = PersonCategory.objects.get(code="chuyen-trach")
    communes = list(province.children.current().filter(level__code="commune").order_by("code"))
    places = [commune, province, *communes[1:6]]
    people = [
        _person(rng, index=i, unit=places[i % len(places)], category=full_time, years=years)
        for i, years in enumerate(SERVICE_YEARS)
    ]
    medal = AwardType.objects.get(code="ky-niem-chuong-dan-van")
    order = AwardType.objects.get(code="huan-chuong-lao-dong-hang-ba")
    merit = AwardType.objects.get(code="bang-khen")
    # Already awarded in 2020: not listed as eligible again.
    award_record_past(
        actor=None,
        award_type=medal,
        person=people[0],
        unit=people[0].unit,
        decided_on=dt.date(2020, 10, 12),
        decision_number="1025-QĐ/BDVTW",
        giver="Ban Dân vận Trung ương",
        is_sample=True,
    )
    # A man with 16 years and a higher honour: eligible five years earlier.
    award_record_past(
        actor=None,
        award_type=order,
        person=people[6],
        unit=people[6].unit,
        decided_on=dt.date(2019, 8, 20),
        decision_number="1234/QĐ-CTN",
        giver="Chủ tịch nước",
        is_sample=True,
    )
    # 22 years but disciplined in 2024: not eligible before 2029.
    discipline_add(
        actor=None,
        person=people[2],
        date=dt.date(2024, 3, 15),
        form=DisciplineForm.REPRIMAND,
        decision_number="45-QĐ/UBKTHU",
    )
    # The same person entered again by another unit, without diacritics.
    first = people[3]
    person_create(
        actor=None,
        reason=REASON,
        is_sample=True,
        full_name=_without_marks(first.full_name),
        birth_date=first.birth_date,
        gender=first.gender,
        category=full_time,
        unit=places[5],
    )
    _decided_batch(province=province, central=central, people=people, medal=medal, merit=merit)
    return DemoPart(f"{len(people) + 1} people")


def _decided_batch(
    *, province: Unit, central: Unit, people: list[Person], medal: AwardType, merit: AwardType
) -> None:
    """The province's 2025 proposals, decided by the centre and presented on 14/10/2025."""
    batch = batch_create(
        actor=None,
        unit=province,
        decider=central,
        title="Đề nghị tặng Kỷ niệm chương “Vì sự nghiệp Dân vận” năm 2025",
        year=2025,
        is_sample=True,
    )
    for person in (people[1], people[10]):
        line_add(
            actor=None,
            batch=batch,
            award_type=medal,
            unit=person.unit,
            person=person,
            achievement="Có nhiều đóng góp cho sự nghiệp dân vận",
        )
    batch_submit(actor=None, batch=batch)
    lines_accept_pending(actor=None, batch=batch)
    decision = batch_decide(
        actor=None,
        batch=batch,
        number="2468-QĐ/BTGDVTW",
        date=dt.date(2025, 10, 10),
        giver="Ban Tuyên giáo và Dân vận Trung ương",
        signer_name="Nguyễn Văn Minh",
        signer_title="K/T Trưởng ban, Phó Trưởng ban",
    )
    ceremony_record(
        actor=None,
        decision=decision,
        date=dt.date(2025, 10, 14),
        place="Hội trường Tỉnh ủy Hà Tĩnh",
        presented_by="Lãnh đạo Ban Tuyên giáo và Dân vận Trung ương",
    )
    merits = batch_create(
        actor=None,
        unit=province,
        decider=province,
        title="Khen thưởng tập thể có thành tích trong phong trào “Dân vận khéo” năm 2025",
        year=2025,
        is_sample=True,
    )
    for name in ("Ban Dân vận Đảng ủy xã", "Khối dân vận phường", "Tổ dân vận thôn Trung"):
        line_add(
            actor=None,
            batch=merits,
            award_type=merit,
            unit=province,
            collective_name=f"{name} (mẫu)",
            achievement="Điển hình “Dân vận khéo” giai đoạn 2021-2025",
        )
    batch_submit(actor=None, batch=merits)
    lines_accept_pending(actor=None, batch=merits)
    batch_decide(
        actor=None,
        batch=merits,
        number="3150/QĐ-UBND",
        date=dt.date(2025, 12, 20),
        giver="Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh",
        signer_name="Trần Văn Hải",
        signer_title="Chủ tịch",
    )
