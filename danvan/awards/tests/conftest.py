import datetime as dt

import pytest

from danvan.awards.models import AwardType, Gender, Person, PersonCategory
from danvan.awards.services import person_create, service_period_add
from danvan.conftest import World

MEDAL = "ky-niem-chuong-dan-van"


@pytest.fixture
def medal(db: None) -> AwardType:
    return AwardType.objects.get(code=MEDAL)


@pytest.fixture
def full_time(db: None) -> PersonCategory:
    return PersonCategory.objects.get(code="chuyen-trach")


def make_person(
    world: World,
    *,
    name: str = "Nguyễn Văn Hùng",
    gender: str = Gender.MALE,
    years: int = 21,
    unit=None,
    remote: bool = False,
    born: dt.date = dt.date(1975, 5, 19),
) -> Person:
    person = person_create(
        actor=None,
        full_name=name,
        birth_date=born,
        gender=gender,
        category=PersonCategory.objects.get(code="chuyen-trach"),
        unit=unit or world.commune,
        position="Trưởng khối dân vận",
    )
    service_period_add(
        actor=None,
        person=person,
        start=dt.date(2026 - years, 1, 1),
        position="Cán bộ",
        organisation="Ban Dân vận",
        remote_area=remote,
    )
    return person
