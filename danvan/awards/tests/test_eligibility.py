"""Each rule of the sample set, and the verdict in words."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from danvan.awards.eligibility import duration, months_between
from danvan.awards.models import AwardType, DisciplineForm, EligibilityRule, Gender
from danvan.awards.selectors import eligibility, eligible_people
from danvan.awards.services import award_record_past, discipline_add, service_period_add
from danvan.awards.tests.conftest import make_person
from danvan.conftest import World

ON = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_months_count_whole_months_end_inclusive() -> None:
    assert months_between(dt.date(2020, 1, 1), dt.date(2020, 1, 31)) == 1
    assert months_between(dt.date(2020, 1, 15), dt.date(2020, 2, 13)) == 0
    assert months_between(dt.date(2005, 8, 1), dt.date(2026, 11, 30)) == 256
    assert duration(256) == "21 năm 4 tháng"


def test_enough_years_is_eligible_and_says_why(world: World, medal: AwardType) -> None:
    person = make_person(world, years=21)
    verdict = eligibility(person, medal, ON)
    assert verdict.eligible
    assert verdict.text == ("Đủ điều kiện: 21 năm 11 tháng công tác trong ngành, yêu cầu 20 năm")


def test_too_few_years_is_not_eligible(world: World, medal: AwardType) -> None:
    verdict = eligibility(make_person(world, years=18), medal, ON)
    assert not verdict.eligible
    assert verdict.text.startswith("Chưa đủ điều kiện: chỉ 18 năm 11 tháng công tác trong ngành")


def test_women_need_fewer_years(world: World, medal: AwardType) -> None:
    verdict = eligibility(make_person(world, gender=Gender.FEMALE, years=16), medal, ON)
    assert verdict.eligible
    assert "yêu cầu 15 năm (nữ giảm 5 năm)" in verdict.text


def test_holders_of_a_higher_honour_may_be_proposed_earlier(world: World, medal: AwardType) -> None:
    person = make_person(world, years=16)
    assert not eligibility(person, medal, ON).eligible
    award_record_past(
        actor=None,
        award_type=AwardType.objects.get(code="huan-chuong-lao-dong-hang-ba"),
        person=person,
        unit=person.unit,
        decided_on=dt.date(2020, 1, 1),
        decision_number="1/QĐ-CTN",
    )
    verdict = eligibility(person, medal, ON)
    assert verdict.eligible
    assert "Huân chương Lao động hạng Ba" in verdict.text


def test_remote_area_service_weighs_more(world: World, medal: AwardType) -> None:
    assert not eligibility(make_person(world, years=15), medal, ON).eligible
    verdict = eligibility(make_person(world, name="Lê Văn Tám", years=15, remote=True), medal, ON)
    assert verdict.eligible  # 15 years 11 months, counted one and a half times
    assert "vùng" in verdict.text


def test_overlapping_periods_count_once(world: World, medal: AwardType) -> None:
    person = make_person(world, years=12)
    service_period_add(
        actor=None,
        person=person,
        start=dt.date(2014, 6, 1),
        end=dt.date(2020, 1, 1),
        position="Kiêm nhiệm",
        organisation="Mặt trận",
    )
    assert eligibility(person, medal, ON).months_counted == 12 * 12 + 11


def test_service_outside_the_sector_does_not_count(world: World, medal: AwardType) -> None:
    person = make_person(world, years=10)
    service_period_add(
        actor=None,
        person=person,
        start=dt.date(2000, 1, 1),
        end=dt.date(2015, 12, 31),
        position="Giáo viên",
        organisation="Trường học",
        in_sector=False,
    )
    assert eligibility(person, medal, ON).months_counted == 10 * 12 + 11


def test_a_recent_discipline_disqualifies(world: World, medal: AwardType) -> None:
    person = make_person(world, years=25)
    discipline_add(actor=None, person=person, date=dt.date(2023, 4, 2), form=DisciplineForm.WARNING)
    verdict = eligibility(person, medal, ON)
    assert not verdict.eligible
    assert "kỷ luật (cảnh cáo) ngày 02/04/2023, trong thời hạn 5 năm" in verdict.text
    assert eligibility(person, medal, dt.date(2028, 4, 3)).eligible


def test_once_per_person_and_never_posthumously(world: World, medal: AwardType) -> None:
    person = make_person(world, years=25)
    person.died_on = dt.date(2026, 1, 1)
    person.save()
    verdict = eligibility(person, medal, ON)
    assert "không xét tặng sau khi mất" in verdict.text
    person.died_on = None
    person.save()
    award_record_past(
        actor=None,
        award_type=medal,
        person=person,
        unit=person.unit,
        decided_on=dt.date(2021, 10, 1),
        decision_number="9-QĐ/BDVTW",
    )
    verdict = eligibility(person, medal, ON)
    assert not verdict.eligible
    assert "đã được tặng ngày 01/10/2021 (quyết định 9-QĐ/BDVTW)" in verdict.text


def test_rules_are_data_with_an_effective_date(world: World, medal: AwardType) -> None:
    person = make_person(world, years=21)
    old = EligibilityRule.objects.get(award_type=medal, category=person.category)
    stricter = EligibilityRule.objects.create(
        award_type=medal,
        category=person.category,
        effective_from=dt.date(2026, 7, 1),
        years_required=Decimal(25),
        discipline_years=5,
    )
    assert not eligibility(person, medal, ON).eligible
    assert eligibility(person, medal, dt.date(2026, 6, 30)).eligible
    assert old.pk != stricter.pk


def test_no_rule_for_the_category_says_so(world: World, medal: AwardType) -> None:
    person = make_person(world, years=30)
    EligibilityRule.objects.filter(award_type=medal, category=person.category).delete()
    verdict = eligibility(person, medal, ON)
    assert not verdict.eligible
    assert "chưa có tiêu chuẩn" in verdict.text


def test_the_list_holds_the_eligible_not_yet_awarded(world: World, medal: AwardType) -> None:
    yes = make_person(world, name="Trần Văn Đủ", years=22)
    make_person(world, name="Trần Văn Thiếu", years=10)
    awarded = make_person(world, name="Trần Văn Rồi", years=30)
    award_record_past(
        actor=None,
        award_type=medal,
        person=awarded,
        unit=awarded.unit,
        decided_on=dt.date(2021, 10, 1),
        decision_number="9-QĐ/BDVTW",
    )
    elsewhere = make_person(world, name="Trần Văn Khác", years=25, unit=world.other_province)
    found = eligible_people(None, unit=world.province, award_type=medal, on=ON)
    assert [c.person for c in found] == [yes]
    assert elsewhere not in [c.person for c in found]
