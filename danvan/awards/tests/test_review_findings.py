"""The holes a review found, each closed: merges, who gives and revokes, scope of a batch,
a decision checking again, the rules' arithmetic, and bad input."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from danvan.awards.documents import certificates_pdf
from danvan.awards.eligibility import service_months
from danvan.awards.models import AwardType, DisciplineForm, EligibilityRule, ServicePeriod
from danvan.awards.selectors import eligibility
from danvan.awards.services import (
    award_record_past,
    award_revoke,
    batch_create,
    batch_forward,
    batch_submit,
    discipline_add,
    line_add,
    lines_accept_pending,
    person_merge,
    person_update,
    service_period_add,
)
from danvan.awards.tests.conftest import make_person
from danvan.awards.tests.test_batches import _ready, decide
from danvan.conftest import Personas, World

ON = dt.date(2026, 11, 30)


def test_a_merge_into_a_merged_record_is_refused(world: World, medal: AwardType) -> None:
    a = make_person(world, name="Lê Văn A")
    b = make_person(world, name="Lê Văn B")
    person_merge(actor=None, keep=b, duplicate=a, reason="Trùng")
    a.refresh_from_db()
    with pytest.raises(ValidationError):
        person_merge(actor=None, keep=a, duplicate=make_person(world, name="X"), reason="Trùng")
    with pytest.raises(ValidationError):  # and no cycle
        person_merge(actor=None, keep=a, duplicate=b, reason="Trùng")


def test_only_the_central_level_decides_the_medal(world: World, medal: AwardType) -> None:
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.commune, title="Tự quyết", year=2026
    )
    with pytest.raises(ValidationError, match="không phải"):
        line_add(
            actor=None,
            batch=batch,
            award_type=medal,
            unit=world.commune,
            person=make_person(world, years=25),
        )


def test_the_deciding_level_revokes(world: World, personas: Personas, medal: AwardType) -> None:
    person = make_person(world, years=22)
    decide(_ready(world, person, medal))
    award = person.awards.get()
    with pytest.raises(PermissionDenied):
        award_revoke(actor=personas.province_officer, award=award, on=ON, reason="Sai")
    award_revoke(actor=personas.central_admin, award=award, on=ON, reason="Sai")


def test_past_honours_are_entered_by_approvers(world: World, personas: Personas) -> None:
    person = make_person(world)
    with pytest.raises(PermissionDenied):
        award_record_past(
            actor=personas.commune_officer,
            award_type=AwardType.objects.get(code="huan-chuong-lao-dong-hang-ba"),
            person=person,
            unit=person.unit,
            decided_on=dt.date(2020, 1, 1),
            decision_number="1/QĐ-CTN",
        )


def test_a_batch_holds_only_people_under_its_unit(world: World, medal: AwardType) -> None:
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Đợt", year=2026
    )
    elsewhere = make_person(world, years=25, unit=world.other_commune)
    with pytest.raises(ValidationError, match="không thuộc"):
        line_add(actor=None, batch=batch, award_type=medal, unit=world.commune, person=elsewhere)


def test_a_level_above_does_not_review_for_the_level_below(
    world: World, personas: Personas, medal: AwardType
) -> None:
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Đợt", year=2026
    )
    line_add(
        actor=None,
        batch=batch,
        award_type=medal,
        unit=world.commune,
        person=make_person(world, years=25),
    )
    batch_submit(actor=None, batch=batch)
    with pytest.raises(PermissionDenied):
        lines_accept_pending(actor=personas.central_admin, batch=batch)
    lines_accept_pending(actor=personas.province_officer, batch=batch)
    batch_forward(actor=personas.province_officer, batch=batch)


def test_the_decision_checks_again(world: World, medal: AwardType) -> None:
    dead = make_person(world, name="Người Mất", years=25)
    disciplined = make_person(world, name="Người Kỷ Luật", years=25)
    batch = _ready(world, dead, medal)
    other = _ready(world, disciplined, medal)
    person_update(actor=None, person=dead, died_on=dt.date(2026, 10, 1))
    discipline_add(
        actor=None, person=disciplined, date=dt.date(2026, 10, 2), form=DisciplineForm.REPRIMAND
    )
    with pytest.raises(ValidationError, match="sau khi mất"):
        decide(batch)
    with pytest.raises(ValidationError, match="kỷ luật"):
        decide(other, number="2-QĐ/BTGDVTW")


def test_one_number_may_be_used_by_two_bodies(world: World, medal: AwardType) -> None:
    decide(_ready(world, make_person(world, name="Một", years=25), medal), number="5/QĐ")
    batch = _ready(world, make_person(world, name="Hai", years=25), medal)
    with pytest.raises(ValidationError):
        decide(batch, number="5/QĐ")
    from danvan.awards.services import batch_decide

    batch_decide(
        actor=None,
        batch=batch,
        number="5/QĐ",
        date=dt.date(2026, 10, 10),
        giver="Ban Dân vận Tỉnh ủy Nghệ An",
        signer_name="A",
        signer_title="Trưởng ban",
    )


def _period(start: dt.date, end: dt.date | None, *, remote: bool = False) -> ServicePeriod:
    return ServicePeriod(start=start, end=end, position="x", organisation="y", remote_area=remote)


def test_split_service_loses_no_month_and_overlapping_remote_service_counts(
    medal: AwardType, full_time
) -> None:
    rule = EligibilityRule.objects.get(award_type=medal, category=full_time)
    whole = [_period(dt.date(2000, 1, 1), None)]
    split = [
        _period(dt.date(2000, 1, 1), dt.date(2005, 6, 19)),
        _period(dt.date(2005, 6, 20), None),
    ]
    assert service_months(split, on=ON, rule=rule) == service_months(whole, on=ON, rule=rule)
    inside = [*whole, _period(dt.date(2010, 1, 1), dt.date(2015, 12, 31), remote=True)]
    assert service_months(inside, on=ON, rule=rule) == service_months(whole, on=ON, rule=rule) + 36


def test_a_discipline_counts_for_exactly_its_years(world: World, medal: AwardType) -> None:
    person = make_person(world, years=25)
    discipline_add(
        actor=None, person=person, date=dt.date(2021, 12, 29), form=DisciplineForm.REPRIMAND
    )
    assert not eligibility(person, medal, dt.date(2026, 12, 28)).eligible
    assert eligibility(person, medal, dt.date(2026, 12, 29)).eligible


def test_impossible_dates_are_refused(world: World) -> None:
    person = make_person(world, born=dt.date(2000, 1, 1), years=5)
    with pytest.raises(ValidationError):
        service_period_add(
            actor=None, person=person, start=dt.date(1990, 1, 1), position="x", organisation="y"
        )
    with pytest.raises(ValidationError):
        person_update(actor=None, person=person, birth_date=dt.date(2090, 1, 1))


def test_bang_khen_is_not_proposed_for_the_dead(world: World) -> None:
    person = make_person(world)
    person = person_update(actor=None, person=person, died_on=dt.date(2026, 1, 1))
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.province, title="Đợt", year=2026
    )
    with pytest.raises(ValidationError, match="sau khi mất"):
        line_add(
            actor=None,
            batch=batch,
            award_type=AwardType.objects.get(code="bang-khen"),
            unit=world.commune,
            person=person,
        )


def test_bad_input_answers_without_a_server_error(
    world: World, personas: Personas, medal: AwardType
) -> None:
    client = personas.client(personas.province_officer)
    assert client.post(reverse("awards:propose"), {"batch": "abc"}).status_code == 404
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Đợt", year=2026
    )
    response = client.post(reverse("awards:batch_action", args=[batch.pk, "remove"]), {"line": "²"})
    assert response.status_code == 404
    assert client.get(reverse("awards:list"), {"year": "10000"}).status_code == 200
    assert client.get("/api/awards/awards/", {"year": "10000"}).status_code == 400
    page = client.get(
        reverse("awards:eligible"),
        {"unit": str(world.province.pk), "award": medal.code, "on": "31/12/9999"},
    )
    assert page.status_code == 200 and "1945" in page.content.decode()


def test_control_characters_and_long_achievements_keep_the_files_whole(
    world: World, medal: AwardType
) -> None:
    person = make_person(world, years=22)
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Đợt", year=2026
    )
    line = line_add(
        actor=None,
        batch=batch,
        award_type=medal,
        unit=world.commune,
        person=person,
        achievement="Gương\x0b mẫu " * 200,
    )
    assert "\x0b" not in line.achievement
    batch_submit(actor=None, batch=batch)
    lines_accept_pending(actor=None, batch=batch)
    batch_forward(actor=None, batch=batch)
    lines_accept_pending(actor=None, batch=batch)
    decision = decide(batch)
    text = PdfReader(io.BytesIO(certificates_pdf(decision))).pages[0].extract_text()
    assert "Nguyễn Văn A" in text  # the signer is still on the page
