"""One test per rule of the life cycle (lifecycle.py) and of the services that apply it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.conftest import Personas, World
from danvan.registry.lifecycle import allowed_next
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod, Status
from danvan.registry.services import entries_transition, entry_create, entry_transition

DAY = dt.date(2024, 6, 1)


def test_the_forward_path_is_one_step_at_a_time() -> None:
    assert allowed_next(Status.REGISTERED) == [Status.EFFECTIVE, Status.DISCONTINUED]
    assert allowed_next(Status.EFFECTIVE) == [Status.RECOGNISED, Status.DISCONTINUED]
    assert allowed_next(Status.RECOGNISED) == [Status.OUTSTANDING, Status.DISCONTINUED]
    assert allowed_next(Status.OUTSTANDING) == [Status.PROPOSED, Status.DISCONTINUED]
    assert allowed_next(Status.PROPOSED) == [Status.DISCONTINUED]
    assert allowed_next(Status.DISCONTINUED) == []


def test_an_entry_walks_the_whole_life_cycle_with_dated_decisions(entry: Entry) -> None:
    for number, status in enumerate(
        [Status.EFFECTIVE, Status.RECOGNISED, Status.OUTSTANDING, Status.PROPOSED], start=1
    ):
        entry_transition(
            actor=None,
            entry=entry,
            to=status,
            on=DAY + dt.timedelta(days=number),
            decision_code=f"{number}-QĐ/BDVTU",
        )
    entry.refresh_from_db()
    assert entry.status == Status.PROPOSED
    steps = list(entry.transitions.values_list("to_status", "decision_code"))
    assert steps[0] == (Status.REGISTERED, "") and steps[-1] == (Status.PROPOSED, "4-QĐ/BDVTU")


def test_skipping_a_step_is_refused(entry: Entry) -> None:
    with pytest.raises(ValidationError, match=r"hiệu quả|Effective"):
        entry_transition(actor=None, entry=entry, to=Status.RECOGNISED, on=DAY, decision_code="1")


def test_discontinued_is_reachable_from_any_state_and_is_final(entry: Entry) -> None:
    entry_transition(actor=None, entry=entry, to=Status.EFFECTIVE, on=DAY, decision_code="1")
    entry_transition(actor=None, entry=entry, to=Status.DISCONTINUED, on=DAY)
    for status in Status:
        with pytest.raises(ValidationError):
            entry_transition(actor=None, entry=entry, to=status, on=DAY, decision_code="2")


def test_a_step_needs_a_decision_code_except_discontinuing(entry: Entry) -> None:
    with pytest.raises(ValidationError):
        entry_transition(actor=None, entry=entry, to=Status.EFFECTIVE, on=DAY)


def test_a_step_cannot_go_back_in_time_nor_into_the_future(entry: Entry) -> None:
    with pytest.raises(ValidationError):
        entry_transition(
            actor=None, entry=entry, to=Status.EFFECTIVE, on=dt.date(2024, 2, 1), decision_code="1"
        )
    with pytest.raises(ValidationError):
        entry_transition(
            actor=None, entry=entry, to=Status.EFFECTIVE, on=dt.date(2999, 1, 1), decision_code="1"
        )


def test_only_approvers_move_entries(entry: Entry, personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        entry_transition(
            actor=personas.commune_officer,
            entry=entry,
            to=Status.EFFECTIVE,
            on=DAY,
            decision_code="1",
        )
    with pytest.raises(PermissionDenied):
        entry_transition(
            actor=personas.outsider, entry=entry, to=Status.EFFECTIVE, on=DAY, decision_code="1"
        )
    entry_transition(
        actor=personas.province_officer, entry=entry, to=Status.EFFECTIVE, on=DAY, decision_code="1"
    )


def test_bulk_transition_is_all_or_nothing(entry: Entry, world: World) -> None:
    other = entry_create(
        actor=None,
        name="Khác",
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=entry.field,
        period=entry.period,
        start_date=dt.date(2024, 1, 1),
    )
    entry_transition(actor=None, entry=other, to=Status.EFFECTIVE, on=DAY, decision_code="1")
    with pytest.raises(ValidationError):
        entries_transition(
            actor=None, entries=[entry, other], to=Status.EFFECTIVE, on=DAY, decision_code="9-QĐ"
        )
    entry.refresh_from_db()
    assert entry.status == Status.REGISTERED
    count = entries_transition(
        actor=None, entries=[entry], to=Status.EFFECTIVE, on=DAY, decision_code="9-QĐ"
    )
    assert count == 1


def test_exemplars_say_collective_or_individual_and_models_do_not(world: World) -> None:
    field = Field.objects.get(code="kinh-te")
    period = MovementPeriod.objects.get(code="2021-2025")
    with pytest.raises(ValidationError):
        entry_create(
            actor=None,
            name="Điển hình",
            kind=EntryKind.EXEMPLAR,
            unit=world.commune,
            field=field,
            period=period,
        )
    model = entry_create(
        actor=None,
        name="Mô hình",
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=field,
        period=period,
        exemplar_type="individual",
    )
    assert model.exemplar_type == ""


def test_the_place_must_be_a_commune(world: World) -> None:
    with pytest.raises(ValidationError):
        entry_create(
            actor=None,
            name="X",
            kind=EntryKind.MODEL,
            unit=world.commune,
            commune=world.province,
            field=Field.objects.get(code="kinh-te"),
            period=MovementPeriod.objects.get(code="2021-2025"),
        )


def test_editors_cannot_register_outside_their_units(world: World, personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        entry_create(
            actor=personas.commune_officer,
            name="X",
            kind=EntryKind.MODEL,
            unit=world.other_commune,
            field=Field.objects.get(code="kinh-te"),
            period=MovementPeriod.objects.get(code="2021-2025"),
        )
