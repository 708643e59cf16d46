"""Random unit trees and random dated structural changes for the property tests, and the
brute-force answers they are checked against: walks over parent and successor links in
Python that never read `path` or `current_path`, the columns the code under test relies on."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from hypothesis import strategies as st

from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.official import CENTRAL_CODE
from danvan.units.selectors import unit_by_code
from danvan.units.services import (
    NewUnit,
    unit_abolish,
    unit_create,
    unit_split,
    unit_transfer,
    units_merge,
)

# Node i + 1 hangs below node (number i mod (i + 1)): any fan-out and any depth.
tree_shapes = st.lists(st.integers(0, 10_000), min_size=2, max_size=9)
CHANGE_KINDS = ["merge-new", "merge-into", "split", "transfer", "abolish"]
# Each change: its kind and two numbers that pick the units it acts on among those in force.
changes = st.lists(
    st.tuples(st.sampled_from(CHANGE_KINDS), st.integers(0, 10_000), st.integers(0, 10_000)),
    max_size=3,
)
# The days the changes take effect, one per change, in order.
CHANGE_DAYS = [dt.date(2024, 4, 1), dt.date(2024, 7, 1), dt.date(2024, 10, 1)]


def tree_create(shape: list[int]) -> list[Unit]:
    """A province-like root below the central unit and communes below it, in `shape`."""
    central = unit_by_code(code=CENTRAL_CODE)
    province = UnitLevel.objects.get(code="province")
    commune = UnitLevel.objects.get(code="commune")
    kind = UnitKind.objects.get(code="party_committee")
    units = [
        unit_create(
            actor=None, code="R", name="Tỉnh Gốc", level=province, kind=kind, parent=central
        )
    ]
    for index, pick in enumerate(shape[1:], start=1):
        units.append(
            unit_create(
                actor=None,
                code=f"U{index}",
                name=f"Xã {index}",
                level=commune,
                kind=kind,
                parent=units[pick % index],
            )
        )
    return units


def units_in_force(root: Unit) -> list[Unit]:
    """The units in force below the root (not the root: it stays while its parts change)."""
    below = Unit.objects.filter(path__startswith=root.path, valid_until__isnull=True)
    return list(below.exclude(pk=root.pk).order_by("pk"))


def _pairs(units: list[Unit], *, apart: bool) -> list[tuple[Unit, Unit]]:
    """Ordered pairs of different units; `apart`: neither below the other (a merge of both),
    else only the second not below the first (a merge of the first into the second)."""
    return [
        (first, second)
        for first in units
        for second in units
        if first.pk != second.pk
        and not second.path.startswith(first.path)
        and not (apart and first.path.startswith(second.path))
    ]


def change_apply(change: tuple[str, int, int], *, root: Unit, on: dt.date) -> bool:
    """Apply one random change through the units services; False when it fits no units or
    the service refuses it (nothing is written then)."""
    kind, first, second = change
    live = units_in_force(root)
    if not live:
        return False
    unit = live[first % len(live)]
    name = f"{kind} {on:%d/%m}"
    try:
        if kind == "merge-new":
            pairs = _pairs(live, apart=True)
            if not pairs:
                return False
            units_merge(
                actor=None,
                units=list(pairs[first % len(pairs)]),
                on=on,
                new=NewUnit(code=f"M{on:%m}", name=name),
            )
        elif kind == "merge-into":
            pairs = _pairs(live, apart=False)
            if not pairs:
                return False
            merged, into = pairs[first % len(pairs)]
            units_merge(actor=None, units=[merged], on=on, into=into)
        elif kind == "split":
            parts = [
                NewUnit(code=f"S{on:%m}-{n}", name=f"{name} {n}") for n in range(second % 2 + 2)
            ]
            unit_split(actor=None, unit=unit, on=on, into=parts, default_index=second % len(parts))
        elif kind == "transfer":
            parents = [root, *(u for u in live if not u.path.startswith(unit.path))]
            parent = parents[second % len(parents)]
            if parent.pk == unit.parent_id:
                return False
            unit_transfer(actor=None, unit=unit, on=on, parent=parent)
        else:
            unit_abolish(actor=None, unit=unit, on=on)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class Structure:
    """Every unit row of a random tree and above it, as parent and successor links."""

    parent: dict[int, int | None]
    successor: dict[int, int | None]
    until: dict[int, dt.date | None]

    @classmethod
    def read(cls, root: Unit) -> "Structure":
        rows = Unit.objects.filter(path__startswith=root.path) | Unit.objects.filter(
            pk__in=root.ancestor_ids
        )
        links = list(rows.values_list("pk", "parent_id", "successor_id", "valid_until"))
        return cls(
            parent={pk: parent for pk, parent, _s, _u in links},
            successor={pk: successor for pk, _p, successor, _u in links},
            until={pk: until for pk, _p, _s, until in links},
        )

    @property
    def ids(self) -> list[int]:
        return sorted(self.parent)

    def in_force(self, pk: int, on: dt.date) -> bool:
        until = self.until[pk]
        return until is None or until >= on

    def line_then(self, pk: int) -> frozenset[int]:
        """The unit and every unit above it when it was created: where its records counted."""
        return self._line(pk, follow_successors=False)

    def line_now(self, pk: int) -> frozenset[int]:
        """Where a unit's records count today: a unit with a successor counts wholly in it;
        one without (in force, or abolished) counts in itself and where its parent counts."""
        return self._line(pk, follow_successors=True)

    def _line(self, pk: int, *, follow_successors: bool) -> frozenset[int]:
        successor = self.successor[pk] if follow_successors else None
        if successor is not None:
            return self._line(successor, follow_successors=True)
        parent = self.parent[pk]
        above = self._line(parent, follow_successors=follow_successors) if parent else frozenset()
        return above | {pk}
