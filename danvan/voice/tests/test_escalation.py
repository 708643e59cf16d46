"""Reminders before the deadline, and overdue petitions escalated to the level above by the
worker's pass; a second pass on the same minute changes nothing."""

import io

from django.core.management import call_command

from danvan.conftest import World
from danvan.voice.models import Notice, NoticeKind, Petition, State
from danvan.voice.services import petition_acknowledge, petitions_escalate
from danvan.voice.tests.conftest import local


def test_a_reminder_comes_before_the_acknowledgement_deadline(petition: Petition) -> None:
    # Received Monday 2/11 at 09:00: acknowledged by Tuesday 3/11 at 09:30, reminded two
    # working hours before.
    assert petitions_escalate(now=local(2026, 11, 2, 16, 0)).reminded == 0
    result = petitions_escalate(now=local(2026, 11, 2, 18, 0))  # 2 working hours left
    assert result.reminded == 1 and result.escalated == 0
    assert Notice.objects.get().kind == NoticeKind.REMINDER
    assert petitions_escalate(now=local(2026, 11, 3, 8, 0)).reminded == 0  # once per deadline


def test_an_overdue_petition_escalates_to_the_province_once(
    petition: Petition, world: World
) -> None:
    late = local(2026, 11, 3, 10, 0)
    result = petitions_escalate(now=late)
    assert (result.overdue, result.escalated) == (1, 1)
    petition.refresh_from_db()
    assert petition.escalated_to == world.province and petition.escalation_level == 1
    assert petition.state == State.RECEIVED  # still the commune's to handle
    assert petition.steps.last().action == "escalate"  # type: ignore[union-attr]
    notices = Notice.objects.filter(petition=petition)
    assert set(notices.values_list("kind", "unit")) == {
        (NoticeKind.OVERDUE, world.commune.pk),
        (NoticeKind.ESCALATED, world.province.pk),
    }
    again = petitions_escalate(now=late)
    assert (again.overdue, again.escalated) == (0, 0)
    # Eight working hours later still nothing done: above the province is the centre, where
    # escalation stops.
    assert petitions_escalate(now=local(2026, 11, 4, 10, 0)).escalated == 0


def test_acknowledging_moves_it_to_the_handling_deadline(petition: Petition) -> None:
    petition_acknowledge(actor=None, petition=petition, at=local(2026, 11, 2, 10, 0))
    assert petitions_escalate(now=local(2026, 11, 3, 10, 0)).escalated == 0
    petition.refresh_from_db()
    assert petition.due_at == petition.handle_due


def test_the_command_and_the_worker_run_one_pass(petition: Petition) -> None:
    out = io.StringIO()
    call_command("voice", "escalate", stdout=out)  # today is past the deadline of 3/11/2026
    assert "1 escalated" in out.getvalue()
    call_command("worker", "--once", stdout=io.StringIO())  # nothing more to do
    assert Petition.objects.get().escalation_level == 1
