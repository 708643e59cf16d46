"""One record per person: likely duplicates found and merged, nothing lost."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.selectors import changes_of
from danvan.awards.models import AwardType, Person
from danvan.awards.selectors import likely_duplicates, people_matching, people_visible
from danvan.awards.services import award_record_past, person_merge
from danvan.awards.tests.conftest import make_person
from danvan.conftest import Personas, World


def test_names_differing_in_diacritics_are_likely_duplicates(
    world: World, personas: Personas
) -> None:
    first = make_person(world, name="Nguyễn Văn Hùng")
    second = make_person(world, name="Nguyen Van Hung", unit=world.other_commune)
    make_person(world, name="Nguyễn Văn Hùng", born=dt.date(1980, 1, 1))  # another birth date
    make_person(world, name="Nguyễn Văn Hưng")  # another name... that folds the same
    groups = likely_duplicates(personas.province_officer)
    assert len(groups) == 1
    assert {first, second} <= set(groups[0])
    assert likely_duplicates(personas.outsider) == []


def test_a_merge_moves_everything_and_keeps_the_duplicate(world: World) -> None:
    keep = make_person(world, name="Nguyễn Văn Hùng", years=10)
    duplicate = make_person(world, name="Nguyen Van Hung", years=12)
    order = AwardType.objects.get(code="huan-chuong-lao-dong-hang-ba")
    award_record_past(
        actor=None,
        award_type=order,
        person=duplicate,
        unit=duplicate.unit,
        decided_on=dt.date(2018, 1, 1),
        decision_number="1/QĐ-CTN",
    )
    with pytest.raises(ValidationError):
        person_merge(actor=None, keep=keep, duplicate=duplicate, reason=" ")
    person_merge(actor=None, keep=keep, duplicate=duplicate, reason="Cùng số CCCD")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert keep.service.count() == 2 and keep.awards.count() == 1
    assert duplicate not in people_visible(_superuser())
    entry = changes_of(instance=duplicate).first()
    assert entry is not None and entry.reason == "Cùng số CCCD"


def _superuser():
    from danvan.accounts.services import user_create

    user = user_create(actor=None, username="root-merge", password="x-very-long-2026")
    user.is_superuser = True
    user.save()
    return user


def test_two_medals_block_a_merge(world: World, medal: AwardType) -> None:
    keep = make_person(world, name="Trần Văn Một")
    duplicate = make_person(world, name="Tran Van Mot")
    for person in (keep, duplicate):
        award_record_past(
            actor=None,
            award_type=medal,
            person=person,
            unit=person.unit,
            decided_on=dt.date(2019, 10, 1),
            decision_number=f"{person.pk}-QĐ/BDVTW",
        )
    with pytest.raises(ValidationError, match="thu hồi"):
        person_merge(actor=None, keep=keep, duplicate=duplicate, reason="Trùng")
    assert Person.objects.get(pk=duplicate.pk).merged_into is None


def test_search_ignores_diacritics(world: World) -> None:
    person = make_person(world, name="Đặng Thị Hường")
    assert list(people_matching(Person.objects.all(), "dang thi huong")) == [person]
    assert list(people_matching(Person.objects.all(), "Hường")) == [person]
