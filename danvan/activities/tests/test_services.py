"""Writes go through the services: scope, the domain's rules, the change log, the figures."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.activities.models import Conference, ConferenceKind, Dialogue, WorkTask
from danvan.activities.services import activity_create, activity_delete, activity_update
from danvan.audit.models import ChangeAction, ChangeLogEntry
from danvan.audit.selectors import changes_of
from danvan.conftest import Personas, World
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.indicators.selectors import figure
from danvan.voice.models import Severity, Source, Topic
from danvan.voice.services import petition_file

from .conftest import DAY


def test_create_update_delete_are_logged(world: World, personas: Personas) -> None:
    editor = personas.commune_officer
    conference = activity_create(
        actor=editor,
        model=Conference,
        unit=world.commune,
        date=DAY,
        title="Hội nghị thử",
        kind=ConferenceKind.TRAINING,
        persons=10,
        attendances=10,
    )
    assert conference.created_by == editor
    activity_update(actor=editor, activity=conference, reason="Đếm lại", persons=12, attendances=14)
    (updated, created) = changes_of(instance=conference)
    assert created.action == ChangeAction.CREATE and created.actor == editor
    assert (
        created.after is not None
        and created.after["persons"] == 10
        and created.after["unit"] == world.commune.name
    )
    assert updated.action == ChangeAction.UPDATE and updated.reason == "Đếm lại"
    assert ("persons", 10, 12) in updated.changed_fields()
    pk = conference.pk
    activity_delete(actor=editor, activity=conference, reason="Nhập trùng")
    assert not Conference.objects.filter(pk=pk).exists()
    deleted = ChangeLogEntry.objects.get(object_id=str(pk), action=ChangeAction.DELETE)
    assert deleted.before is not None
    assert deleted.reason == "Nhập trùng" and deleted.before["title"] == "Hội nghị thử"


def test_an_update_that_changes_nothing_is_not_logged(conference: Conference) -> None:
    activity_update(actor=None, activity=conference, title=conference.title)
    assert changes_of(instance=conference).count() == 1


def test_an_editor_writes_only_for_units_it_edits(world: World, personas: Personas) -> None:
    data: dict[str, Any] = {
        "model": Conference,
        "date": DAY,
        "title": "Hội nghị",
        "kind": ConferenceKind.REVIEW,
    }
    for unit in (world.other_commune, world.province, world.other_province):
        with pytest.raises(PermissionDenied):
            activity_create(actor=personas.commune_officer, unit=unit, **data)
    with pytest.raises(PermissionDenied):  # a viewer does not write even in its own scope
        activity_create(actor=personas.outsider, unit=world.other_province, **data)
    assert not Conference.objects.exists()


def test_an_editor_cannot_move_or_delete_another_units_record(
    world: World, personas: Personas, conference: Conference
) -> None:
    with pytest.raises(PermissionDenied):
        activity_update(actor=personas.commune_officer, activity=conference, unit=world.province)
    with pytest.raises(PermissionDenied):
        activity_delete(actor=personas.outsider, activity=conference)
    conference.refresh_from_db()
    assert conference.unit == world.commune


def test_attendances_cannot_be_fewer_than_persons(world: World) -> None:
    with pytest.raises(ValidationError):
        activity_create(
            actor=None,
            model=Conference,
            unit=world.commune,
            date=DAY,
            title="Hội nghị",
            kind=ConferenceKind.REVIEW,
            persons=40,
            attendances=39,
        )


def test_answered_opinions_cannot_outnumber_raised_ones(dialogue: Dialogue) -> None:
    with pytest.raises(ValidationError):
        activity_update(actor=None, activity=dialogue, opinions_answered=21)
    dialogue.refresh_from_db()
    assert dialogue.opinions_answered == 15


def test_a_task_done_is_complete_and_not_late(task: WorkTask) -> None:
    assert task.is_late
    with pytest.raises(ValidationError):
        activity_update(actor=None, activity=task, done_on=dt.date(2026, 2, 1))
    done = activity_update(actor=None, activity=task, done_on=dt.date(2026, 2, 1), progress=100)
    assert not done.is_late


def test_long_texts_do_not_overflow_the_search_key(world: World) -> None:
    task = activity_create(
        actor=None,
        model=WorkTask,
        unit=world.commune,
        date=DAY,
        title="nhiệm vụ " * 33,
        plan="kế hoạch " * 22,
        assignee="ban dân vận " * 16,
        responsibility="Chủ trì",
        method="-",
        expected_result="-",
        deadline=DAY,
    )
    max_length = WorkTask._meta.get_field("search_key").max_length
    assert max_length is not None and len(task.search_key) <= max_length


def test_conference_figures_follow_the_records(world: World) -> None:
    persons = Indicator.objects.get(code="conference-persons")
    year = Period.year(DAY.year)

    def counted() -> tuple[int, int]:
        return figure(persons, world.commune, year), figure(persons, world.province, year)

    assert counted() == (0, 0)
    conference = activity_create(
        actor=None,
        model=Conference,
        unit=world.commune,
        date=DAY,
        title="Hội nghị quán triệt",
        kind=ConferenceKind.PROPAGANDA,
        by_sector=False,
        persons=40,
        attendances=40,
    )
    assert counted() == (40, 40)
    activity_create(  # held by the sector itself: another indicator counts it
        actor=None,
        model=Conference,
        unit=world.commune,
        date=DAY,
        title="Lớp tập huấn",
        kind=ConferenceKind.TRAINING,
        by_sector=True,
        persons=30,
        attendances=30,
    )
    assert counted() == (40, 40)
    activity_update(actor=None, activity=conference, persons=45, attendances=45)
    assert counted() == (45, 45)
    assert figure(persons, world.province, Period.year(DAY.year - 1)) == 0
    activity_delete(actor=None, activity=conference)
    assert counted() == (0, 0)


def test_a_dialogue_with_petitions_is_not_deleted(
    world: World, personas: Personas, dialogue: Dialogue
) -> None:
    """Found by the API fuzzer: the petitions' protected link made the delete a server error."""
    petition = petition_file(
        actor=None,
        source=Source.DIALOGUE,
        dialogue=dialogue,
        topic=Topic.objects.get(code="land"),
        commune=world.commune,
        severity=Severity.NORMAL,
        title="Đường liên thôn xuống cấp",
        text="Đề nghị sửa đường.",
    )
    with pytest.raises(ValidationError, match=petition.code):
        activity_delete(actor=personas.commune_officer, activity=dialogue)
    client = personas.client(personas.commune_officer)
    response = client.delete(f"/api/activities/dialogues/{dialogue.pk}/")
    assert response.status_code == 400
    assert response.json()[0].startswith("Không thể xóa")
    assert Dialogue.objects.filter(pk=dialogue.pk).exists()
