"""A batch's way up, level by level, the decision, the once-per-person rule (also under a
race between two batches), revocation and the figures it feeds."""

import datetime as dt
import os
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from danvan.awards.models import (
    Award,
    AwardType,
    Batch,
    BatchStatus,
    Decision,
    LineStatus,
    Person,
    ProposalLine,
)
from danvan.awards.services import (
    award_revoke,
    batch_create,
    batch_decide,
    batch_forward,
    batch_return,
    batch_submit,
    line_add,
    line_review,
    lines_accept_pending,
)
from danvan.awards.tests.conftest import make_person
from danvan.conftest import Personas, World
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.indicators.selectors import figures

DECIDED = dt.date(2026, 10, 10)


def decide(batch: Batch, actor=None, number: str = "100-QĐ/BTGDVTW") -> Decision:
    return batch_decide(
        actor=actor,
        batch=batch,
        number=number,
        date=DECIDED,
        giver="Ban Tuyên giáo và Dân vận Trung ương",
        signer_name="Nguyễn Văn A",
        signer_title="Trưởng ban",
    )


def commune_batch(world: World, actor=None) -> Batch:
    return batch_create(
        actor=actor, unit=world.commune, decider=world.central, title="Đợt 15/10", year=2026
    )


def test_a_batch_goes_up_two_levels_and_is_decided(
    world: World, personas: Personas, medal: AwardType
) -> None:
    person = make_person(world, years=22)
    other = make_person(world, name="Lê Văn Bảy", years=23)
    commune, province = personas.commune_officer, personas.province_officer
    batch = commune_batch(world, commune)
    first = line_add(
        actor=commune, batch=batch, award_type=medal, unit=world.commune, person=person
    )
    second = line_add(
        actor=commune, batch=batch, award_type=medal, unit=world.commune, person=other
    )
    assert first.verdict.startswith("Eligible") or first.verdict.startswith("Đủ")
    batch_submit(actor=commune, batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.at_unit) == (BatchStatus.SUBMITTED, world.province)
    with pytest.raises(PermissionDenied):  # the commune cannot review its own batch
        line_review(actor=commune, line=first, accepted=True)
    with pytest.raises(ValidationError):  # every line must be reviewed first
        batch_forward(actor=province, batch=batch)
    line_review(actor=province, line=first, accepted=True)
    with pytest.raises(ValidationError):  # a return needs its reason
        line_review(actor=province, line=second, accepted=False)
    line_review(actor=province, line=second, accepted=False, reason="Thiếu hồ sơ")
    with pytest.raises(ValidationError):  # the province does not decide this batch
        decide(batch, province)
    batch_forward(actor=province, batch=batch)
    batch.refresh_from_db()
    assert batch.at_unit == world.central
    first.refresh_from_db()
    assert first.status == LineStatus.PENDING  # awaiting the centre's review
    with pytest.raises(PermissionDenied):
        line_review(actor=province, line=first, accepted=True)
    lines_accept_pending(actor=personas.central_admin, batch=batch)
    decision = decide(batch, personas.central_admin)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DECIDED
    assert [a.person for a in decision.awards.all()] == [person]
    second.refresh_from_db()
    assert second.status == LineStatus.RETURNED and second.reason == "Thiếu hồ sơ"
    assert [s.action for s in batch.steps.all()] == ["submitted", "forwarded", "decided"]


def test_a_returned_batch_can_be_fixed_and_submitted_again(
    world: World, personas: Personas, medal: AwardType
) -> None:
    person = make_person(world, years=22)
    batch = commune_batch(world, personas.commune_officer)
    line_add(actor=None, batch=batch, award_type=medal, unit=world.commune, person=person)
    batch_submit(actor=None, batch=batch)
    with pytest.raises(ValidationError):
        batch_return(actor=personas.province_officer, batch=batch, reason=" ")
    batch_return(actor=personas.province_officer, batch=batch, reason="Bổ sung thành tích")
    batch.refresh_from_db()
    assert (batch.status, batch.at_unit) == (BatchStatus.RETURNED, world.commune)
    batch_submit(actor=personas.commune_officer, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SUBMITTED


def test_a_submitted_batch_cannot_be_changed(world: World, medal: AwardType) -> None:
    batch = commune_batch(world)
    line_add(
        actor=None, batch=batch, award_type=medal, unit=world.commune, person=make_person(world)
    )
    batch_submit(actor=None, batch=batch)
    with pytest.raises(ValidationError, match="đã được gửi"):
        line_add(
            actor=None,
            batch=batch,
            award_type=medal,
            unit=world.commune,
            person=make_person(world, name="Hồ Văn Chín"),
        )


def test_proposals_are_checked(world: World, medal: AwardType) -> None:
    batch = commune_batch(world)
    young = make_person(world, years=5)
    with pytest.raises(ValidationError):  # not eligible, with the reason
        line_add(actor=None, batch=batch, award_type=medal, unit=world.commune, person=young)
    with pytest.raises(ValidationError):  # the medal goes to individuals only
        line_add(
            actor=None, batch=batch, award_type=medal, unit=world.commune, collective_name="Tổ A"
        )
    with pytest.raises(ValidationError):  # a unit outside the batch's unit
        line_add(
            actor=None,
            batch=batch,
            award_type=AwardType.objects.get(code="giay-khen"),
            unit=world.other_commune,
            collective_name="Tổ B",
        )
    with pytest.raises(ValidationError):  # an empty batch is not submitted
        batch_submit(actor=None, batch=batch)


def test_a_person_is_proposed_once_across_batches(world: World, medal: AwardType) -> None:
    person = make_person(world, years=22)
    first, second = commune_batch(world), commune_batch(world)
    line_add(actor=None, batch=first, award_type=medal, unit=world.commune, person=person)
    with pytest.raises(ValidationError, match=first.code):
        line_add(actor=None, batch=second, award_type=medal, unit=world.commune, person=person)


def _forced_second_batch(world: World, person: Person, medal: AwardType) -> Batch:
    """A second batch with the same person, as if both were drawn up at the same instant."""
    batch = commune_batch(world)
    ProposalLine.objects.create(
        batch=batch,
        recipient_kind="individual",
        person=person,
        unit=world.commune,
        award_type=medal,
        status=LineStatus.ACCEPTED,
    )
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.SUBMITTED, at_unit=world.central)
    batch.refresh_from_db()
    return batch


def _ready(world: World, person: Person, medal: AwardType) -> Batch:
    batch = commune_batch(world)
    line_add(actor=None, batch=batch, award_type=medal, unit=world.commune, person=person)
    batch_submit(actor=None, batch=batch)
    lines_accept_pending(actor=None, batch=batch)
    batch_forward(actor=None, batch=batch)
    lines_accept_pending(actor=None, batch=batch)
    return batch


def test_the_database_refuses_a_second_medal(world: World, medal: AwardType) -> None:
    person = make_person(world, years=22)
    decide(_ready(world, person, medal))
    second = _forced_second_batch(world, person, medal)
    with pytest.raises(ValidationError, match=r"once per person|một lần"):
        decide(second, number="101-QĐ/BTGDVTW")
    assert Award.objects.filter(person=person).count() == 1
    assert not Decision.objects.filter(batch=second).exists()  # nothing of it written
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(
            award_type=medal,
            recipient_kind="individual",
            person=person,
            unit=world.commune,
            decided_on=DECIDED,
            decision_number="x",
            giver="x",
            once_per_person=True,
        )


@pytest.mark.skipif(
    not os.environ.get("DANVAN_DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL's concurrent connections (set DANVAN_TEST_DATABASE_URL)",
)
def test_two_batches_decided_at_the_same_moment_give_the_medal_once(
    django_db_blocker, world_committed
) -> None:
    _world, person, _medal, batches = world_committed
    barrier = threading.Barrier(2)
    results: list[str] = []

    def run(batch: Batch, number: str) -> None:
        try:
            barrier.wait(timeout=10)
            decide(batch, number=number)
            results.append("decided")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(batch, f"{n}-QĐ/BTGDVTW"))
        for n, batch in enumerate(batches, start=500)
    ]
    with django_db_blocker.unblock():  # process-wide: the threads' connections too
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(results) == ["decided", "refused"]
        assert Award.objects.filter(person=person, revoked_on=None).count() == 1


@pytest.fixture
def world_committed(django_db_setup, django_db_blocker):
    """Two batches with the same person, really committed (other connections see them), and
    removed afterwards."""
    from danvan.units.official import CENTRAL_CODE
    from danvan.units.selectors import unit_by_code

    with django_db_blocker.unblock():
        province, central = unit_by_code(code="42"), unit_by_code(code=CENTRAL_CODE)
        commune = province.children.current().order_by("code").first()

        class Committed:
            pass

        world = Committed()
        world.commune, world.central, world.province = commune, central, province
        medal = AwardType.objects.get(code="ky-niem-chuong-dan-van")
        person = make_person(world, name="Người Thử Đua", years=25)
        batches = [_forced_second_batch(world, person, medal) for _n in range(2)]
    yield world, person, medal, batches
    with django_db_blocker.unblock():
        Award.objects.filter(person=person).delete()
        Decision.objects.filter(batch__in=batches).delete()
        Batch.objects.filter(pk__in=[b.pk for b in batches]).delete()
        person.delete()
        Indicator.objects.get(code="medals")  # figures of the medal: reset below
        from danvan.indicators.models import Cell

        Cell.objects.filter(indicator__code="medals").delete()


def test_revoking_keeps_the_history_and_stops_counting(
    world: World, personas: Personas, medal: AwardType
) -> None:
    person = make_person(world, years=22)
    decide(_ready(world, person, medal))
    indicator = Indicator.objects.get(code="medals")
    year = Period.year(2026)
    assert figures([indicator], [world.province], year)[("medals", world.province.pk)] == 1
    award = Award.objects.get(person=person)
    with pytest.raises(PermissionDenied):
        award_revoke(actor=personas.commune_officer, award=award, on=DECIDED, reason="Sai hồ sơ")
    with pytest.raises(ValidationError):
        award_revoke(actor=personas.central_admin, award=award, on=DECIDED, reason="")
    award_revoke(actor=personas.central_admin, award=award, on=DECIDED, reason="Sai hồ sơ")
    award.refresh_from_db()
    assert award.revoked_on == DECIDED and award.revoke_reason == "Sai hồ sơ"
    assert figures([indicator], [world.province], year)[("medals", world.province.pk)] == 0
    with pytest.raises(ValidationError):
        award_revoke(actor=None, award=award, on=DECIDED, reason="again")
