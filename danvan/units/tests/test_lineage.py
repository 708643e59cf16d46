"""Structural changes keep history: merge, split, rename, re-type, transfer, abolish."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.models import ChangeAction, ChangeLogEntry
from danvan.conftest import World
from danvan.units.models import LineageKind, Unit, UnitKind
from danvan.units.selectors import (
    unit_history,
    unit_predecessors,
    unit_successors,
    unit_tree,
    units_counting_under,
    units_within,
)
from danvan.units.services import (
    NewUnit,
    unit_abolish,
    unit_create,
    unit_rename,
    unit_retype,
    unit_split,
    unit_transfer,
    units_merge,
)

ON = dt.date(2026, 1, 1)
BEFORE = dt.date(2025, 12, 31)


def test_merge_ends_old_units_and_carries_their_children(world: World) -> None:
    event = units_merge(
        actor=None,
        units=[world.commune, world.other_commune],
        on=ON,
        new=NewUnit(code="M-1", name="Xã Hợp Nhất"),
    )
    merged = Unit.objects.get(code="M-1")
    assert event.kind == LineageKind.MERGE
    for old in (world.commune, world.other_commune):
        old.refresh_from_db()
        assert old.valid_until == BEFORE
        assert old.successor == merged
    # The teams were re-created under the merged commune, and the old ones point there.
    assert sorted(merged.children.values_list("code", flat=True)) == [
        "T-TEST-1",
        "T-TEST-2",
        "T-TEST-3",
    ]
    for team in world.teams:
        team.refresh_from_db()
        assert team.valid_until == BEFORE
        assert team.current_path.startswith(merged.path)
    # Everything the two communes ever held counts under the merged one today.
    counted = set(units_counting_under(unit=merged).values_list("pk", flat=True))
    assert {world.commune.pk, world.other_commune.pk, *(t.pk for t in world.teams)} <= counted


def test_the_tree_as_of_a_date_shows_the_structure_of_that_day(world: World) -> None:
    units_merge(
        actor=None,
        units=[world.commune, world.other_commune],
        on=ON,
        new=NewUnit(code="M-2", name="Xã Hợp Nhất Hai"),
    )

    def names(day: dt.date) -> set[str]:
        (root,) = unit_tree(root=world.province, on=day, max_depth=1)
        return {node.unit.name for node in root.children}

    assert world.commune.name in names(BEFORE) and "Xã Hợp Nhất Hai" not in names(BEFORE)
    assert world.commune.name not in names(ON) and "Xã Hợp Nhất Hai" in names(ON)


def test_a_subtree_is_one_query(world: World, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        units = list(units_within(unit=world.province, on=dt.date(2025, 8, 1)))
    assert world.commune in units and world.teams[0] in units
    assert all(unit.path.startswith(world.province.path) for unit in units)


def test_split_marks_one_default_successor_and_it_inherits_the_children(world: World) -> None:
    unit_split(
        actor=None,
        unit=world.commune,
        on=ON,
        default_index=1,
        into=[NewUnit(code="S-A", name="Xã Tách A"), NewUnit(code="S-B", name="Xã Tách B")],
    )
    a, b = Unit.objects.get(code="S-A"), Unit.objects.get(code="S-B")
    world.commune.refresh_from_db()
    assert world.commune.successor == b
    links = {
        link.successor: link.is_default
        for link in unit_successors(unit=world.commune, among=Unit.objects.all())
    }
    assert links == {a: False, b: True}
    assert b.children.count() == 3 and a.children.count() == 0


def test_rename_keeps_the_code_and_links_both_names(world: World) -> None:
    old_name = world.commune.name
    unit_rename(actor=None, unit=world.commune, on=ON, name="Phường Tên Mới")
    new = Unit.objects.current().get(code=world.commune.code)
    assert new.name == "Phường Tên Mới" and new.pk != world.commune.pk
    (link,) = unit_predecessors(unit=new, among=Unit.objects.all())
    assert link.predecessor.name == old_name and link.event.kind == LineageKind.RENAME


def test_retype_changes_the_kind_from_the_date(world: World) -> None:
    team = world.teams[0]
    block = UnitKind.objects.get(code="block")
    unit_retype(actor=None, unit=team, on=ON, kind=block)
    assert Unit.objects.current().get(code=team.code).kind == block
    assert Unit.objects.filter(code=team.code).valid_on(BEFORE).get().kind.code == "village_team"


def test_transfer_moves_a_unit_under_another_parent(world: World) -> None:
    team = world.teams[0]
    unit_transfer(actor=None, unit=team, on=ON, parent=world.other_commune)
    moved = Unit.objects.current().get(code=team.code)
    assert moved.parent == world.other_commune
    team.refresh_from_db()
    assert team.current_path == moved.path


def test_abolish_ends_the_unit_and_everything_below_without_successor(world: World) -> None:
    unit_abolish(actor=None, unit=world.commune, on=ON, note="thử")
    world.commune.refresh_from_db()
    assert world.commune.valid_until == BEFORE and world.commune.successor is None
    assert not units_within(unit=world.commune, on=ON).exists()
    (link,) = unit_successors(unit=world.commune, among=Unit.objects.all())
    assert link.successor is None and link.event.kind == LineageKind.ABOLISH


def test_an_ended_unit_cannot_change_again(world: World) -> None:
    unit_abolish(actor=None, unit=world.teams[0], on=ON)
    with pytest.raises(ValidationError):
        unit_rename(actor=None, unit=world.teams[0], on=dt.date(2026, 2, 1), name="X")


def test_a_change_before_the_unit_began_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        unit_rename(actor=None, unit=world.teams[0], on=dt.date(2025, 7, 1), name="X")


def test_invalid_merges_are_refused_and_write_nothing(world: World) -> None:
    count = Unit.objects.count()
    with pytest.raises(ValidationError):
        units_merge(actor=None, units=[world.commune], on=ON, into=world.commune)
    with pytest.raises(ValidationError):
        unit_transfer(actor=None, unit=world.commune, on=ON, parent=world.teams[0])
    assert Unit.objects.count() == count
    world.commune.refresh_from_db()
    assert world.commune.valid_until is None


def test_structural_changes_are_in_the_change_log(world: World) -> None:
    unit_rename(actor=None, unit=world.commune, on=ON, name="Xã Đổi Tên", note="Nghị quyết mẫu")
    entries = ChangeLogEntry.objects.filter(
        object_id=str(world.commune.pk), action=ChangeAction.LINEAGE
    )
    (entry,) = entries
    assert entry.before == {"valid_until": None, "successor": None}
    assert entry.after is not None
    assert entry.after["valid_until"] == BEFORE.isoformat()
    assert "Nghị quyết mẫu" in entry.reason


def test_history_follows_the_line_through_every_generation(world: World) -> None:
    unit_rename(actor=None, unit=world.teams[0], on=ON, name="Tổ dân vận thôn Hai")
    second = Unit.objects.current().get(code=world.teams[0].code)
    unit_rename(actor=None, unit=second, on=dt.date(2026, 6, 1), name="Tổ dân vận thôn Ba")
    third = Unit.objects.current().get(code=world.teams[0].code)
    earlier, later = unit_history(unit=third, among=Unit.objects.all())
    assert [link.predecessor for link in earlier] == [second, world.teams[0]]
    assert later == []
    earlier, later = unit_history(unit=world.teams[0], among=Unit.objects.all())
    assert [link.successor for link in later] == [second, third]


def test_a_merge_into_a_unit_below_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        units_merge(actor=None, units=[world.commune], into=world.teams[0], on=ON)


def test_a_merge_naming_a_unit_and_one_below_it_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        units_merge(
            actor=None, units=[world.commune, world.teams[0]], into=world.other_commune, on=ON
        )
    with pytest.raises(ValidationError):
        units_merge(actor=None, units=[world.commune, world.commune], new=NewUnit("D", "D"), on=ON)
    world.teams[0].refresh_from_db()
    assert world.teams[0].valid_until is None


def test_a_live_unit_cannot_begin_under_an_ended_parent(world: World) -> None:
    level, kind = world.teams[0].level, world.teams[0].kind
    with pytest.raises(ValidationError):
        unit_create(
            actor=None,
            code="X-1",
            name="Tổ ma",
            level=level,
            kind=kind,
            parent=world.legacy_province,
        )
    with pytest.raises(ValidationError):
        unit_create(
            actor=None,
            code="X-2",
            name="Tổ ma",
            level=level,
            kind=kind,
            parent=world.legacy_province,
            valid_from=dt.date(2025, 7, 1),
        )
    past = unit_create(
        actor=None,
        code="X-3",
        name="Tổ cũ",
        level=level,
        kind=kind,
        parent=world.legacy_province,
        valid_from=dt.date(2020, 1, 1),
    )
    assert past.parent == world.legacy_province


def test_a_change_before_a_unit_below_begins_is_refused(world: World) -> None:
    level, kind = world.teams[0].level, world.teams[0].kind
    unit_create(
        actor=None,
        code="F-1",
        name="Tổ tương lai",
        level=level,
        kind=kind,
        parent=world.commune,
        valid_from=dt.date(2026, 6, 1),
    )
    with pytest.raises(ValidationError, match="Tổ tương lai"):
        unit_rename(actor=None, unit=world.commune, on=ON, name="Xã Mới")


def test_carried_and_abolished_units_are_in_the_change_log(world: World) -> None:
    team = world.teams[0]
    unit_rename(actor=None, unit=world.commune, on=ON, name="Xã Mới")
    copy = Unit.objects.get(code=team.code, valid_until__isnull=True)
    assert ChangeLogEntry.objects.filter(
        object_id=str(team.pk), action=ChangeAction.LINEAGE
    ).exists()
    assert ChangeLogEntry.objects.filter(
        object_id=str(copy.pk), action=ChangeAction.LINEAGE
    ).exists()
    unit_abolish(
        actor=None, unit=Unit.objects.current().get(code=world.commune.code), on=dt.date(2026, 3, 1)
    )
    assert (
        ChangeLogEntry.objects.filter(object_id=str(copy.pk), action=ChangeAction.LINEAGE).count()
        == 2
    )
