"""Scope never leaks: on random trees, changed by random merges, splits, transfers and
abolitions, with random roles at random units (ended ones included), every scoped read shows
exactly what the documented rule allows, computed by brute force over parent and successor
links, and every detail read of anything else answers 404."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from danvan.accounts.models import ROLE_RANK, Role, User
from danvan.accounts.selectors import AnyUser, scoped, unit_get, units_visible, user_can
from danvan.accounts.services import role_assign, user_create
from danvan.activities.models import Conference, ConferenceKind
from danvan.activities.selectors import activities_visible, activity_get
from danvan.activities.services import activity_create
from danvan.registry.models import EntryKind, Field, MovementPeriod
from danvan.registry.selectors import entries_visible, entry_get
from danvan.registry.services import entry_create
from danvan.units.models import Unit
from danvan.units.tests.random_trees import (
    CHANGE_DAYS,
    Structure,
    change_apply,
    changes,
    tree_create,
    tree_shapes,
    units_in_force,
)
from danvan.voice.models import Severity, Source, Topic
from danvan.voice.selectors import petition_get, petitions_visible
from danvan.voice.services import petition_file

Read = tuple[Callable[[AnyUser], QuerySet[Any]], Callable[[AnyUser, int], Model]]
READS: dict[str, Read] = {
    "unit": (units_visible, lambda user, pk: unit_get(user, pk=pk)),
    "entry": (entries_visible, lambda user, pk: entry_get(user, pk=pk)),
    "conference": (
        lambda user: activities_visible(user, Conference),
        lambda user, pk: activity_get(user, Conference, pk),
    ),
    "petition": (petitions_visible, lambda user, pk: petition_get(user, pk=pk)),
}
RECORD_KINDS = ["entry", "conference", "petition"]

records = st.lists(st.tuples(st.sampled_from(RECORD_KINDS), st.integers(0, 10_000)), max_size=6)
# Per user: the roles they hold, each at a unit picked among every row of the tree and above.
users = st.lists(
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(Role))), max_size=3),
    min_size=1,
    max_size=3,
)


def _record_create(kind: str, *, unit: Unit, on: dt.date) -> int:
    if kind == "entry":
        return entry_create(
            actor=None,
            name="Mô hình thử",
            kind=EntryKind.MODEL,
            unit=unit,
            field=Field.objects.get(code="kinh-te"),
            period=MovementPeriod.objects.get(code="2021-2025"),
            start_date=on,
        ).pk
    if kind == "conference":
        return activity_create(
            actor=None,
            model=Conference,
            unit=unit,
            date=on,
            kind=ConferenceKind.PROPAGANDA,
            title="Hội nghị",
            persons=10,
            attendances=10,
        ).pk
    return petition_file(
        actor=None,
        source=Source.PHONE,
        topic=Topic.objects.get(code="land"),
        commune=unit,
        severity=Severity.NORMAL,
        title="Kiến nghị thử",
        text="Nội dung kiến nghị.",
        received_at=timezone.make_aware(dt.datetime.combine(on, dt.time(9))),
    ).pk


def _records_create(
    picks: list[tuple[str, int]], *, root: Unit, on: dt.date
) -> list[tuple[str, int, int]]:
    """Records of random kinds at units in force on the day: (kind, id, unit id). Petitions
    go to communes only, so not to the province-like root."""
    communes = units_in_force(root)
    made = []
    for kind, pick in picks:
        live = communes if kind == "petition" else [root, *communes]
        if live:
            unit = live[pick % len(live)]
            made.append((kind, _record_create(kind, unit=unit, on=on), unit.pk))
    return made


def _covers(
    structure: Structure, roles: list[tuple[int, Role]], unit_id: int, minimum: Role
) -> bool:
    """The documented rule: a role at a unit in force today covers every record that counts
    under that unit today; a role at an ended unit covers nothing."""
    today = timezone.localdate()
    line = structure.line_now(unit_id)
    return any(
        ROLE_RANK[role] >= ROLE_RANK[minimum] and held in line and structure.in_force(held, today)
        for held, role in roles
    )


def _check_scope(
    user: User,
    roles: list[tuple[int, Role]],
    structure: Structure,
    made: list[tuple[str, int, int]],
) -> None:
    units = Unit.objects.in_bulk(structure.ids)
    made = made + [("unit", pk, pk) for pk in structure.ids]
    for kind, (visible, get) in READS.items():
        universe = {pk: unit_id for k, pk, unit_id in made if k == kind}
        expected = {
            pk
            for pk, unit_id in universe.items()
            if _covers(structure, roles, unit_id, Role.VIEWER)
        }
        shown = set(visible(user).filter(pk__in=universe).values_list("pk", flat=True))
        assert shown == expected, (kind, roles)
        for pk in universe:
            if pk in expected:
                assert get(user, pk).pk == pk
            else:
                with pytest.raises(Http404):
                    get(user, pk)
    for minimum in Role:
        expected = {pk for pk in structure.ids if _covers(structure, roles, pk, minimum)}
        reachable = scoped(
            user, Unit.objects.filter(pk__in=structure.ids), unit_field="", minimum=minimum
        )
        assert set(reachable.values_list("pk", flat=True)) == expected, (minimum, roles)
        assert {pk for pk in structure.ids if user_can(user, minimum, units[pk])} == expected


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, derandomize=True)
@given(shape=tree_shapes, before=records, steps=changes, after=records, held=users)
# A viewer left at an abolished commune kept seeing it and what was below it.
@example(
    shape=[0, 0, 0],
    before=[("entry", 1)],
    steps=[("abolish", 0, 0)],
    after=[],
    held=[[(2, Role.VIEWER)]],
)
def test_scope_never_leaks_on_random_trees(
    shape: list[int],
    before: list[tuple[str, int]],
    steps: list[tuple[str, int, int]],
    after: list[tuple[str, int]],
    held: list[list[tuple[int, Role]]],
) -> None:
    with transaction.atomic():
        root = tree_create(shape)[0]
        made = _records_create(before, root=root, on=dt.date(2024, 3, 1))
        for change, on in zip(steps, CHANGE_DAYS, strict=False):
            change_apply(change, root=root, on=on)
        made += _records_create(after, root=root, on=dt.date(2024, 12, 1))
        structure = Structure.read(root)
        ids = structure.ids
        for number, picks in enumerate(held):
            user = user_create(actor=None, username=f"user-{number}", password="x-password-2026")
            roles = sorted({(ids[pick % len(ids)], role) for pick, role in picks})
            for unit_id, role in roles:
                role_assign(actor=None, user=user, unit=Unit.objects.get(pk=unit_id), role=role)
            _check_scope(user, roles, structure, made)
        transaction.set_rollback(True)
