"""Changes to the structure as officers make them: a new village team or block, a merger, a
split, a renaming, a transfer, an abolition. Each checks who may make it, then goes through
the units' own services (danvan.units.services), which keep the history and the change log.

Who may: an administrator of the unit above the units changed (a province's administrator
adds a commune's village team, records the merger of two of its communes)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.permissions import Actor, require
from danvan.units.models import LineageEvent, Unit, UnitKind, UnitLevel
from danvan.units.services import (
    NewUnit,
    unit_abolish,
    unit_create,
    unit_rename,
    unit_split,
    unit_transfer,
    units_merge,
)

# The kinds a commune's officers add below a commune, and the level each goes at.
GRASSROOTS = {"village_team": "village", "block": "commune"}


def _require_above(actor: Actor, unit: Unit) -> None:
    """Structure is changed from the level above: an administrator over the unit's parent."""
    require(actor, Role.ADMIN, unit.parent or unit)


@transaction.atomic
def grassroots_unit_create(
    *, actor: Actor, parent: Unit, kind: UnitKind, code: str, name: str, valid_from: dt.date
) -> Unit:
    """A village team (tổ dân vận) or a grassroots block (khối dân vận) of a commune."""
    require(actor, Role.ADMIN, parent)
    if kind.code not in GRASSROOTS:
        raise ValidationError({"kind": _("Only village teams and blocks are added here.")})
    if parent.level.code != "commune":
        raise ValidationError({"parent": _("%(unit)s is not a commune.") % {"unit": parent}})
    level = UnitLevel.objects.get(code=GRASSROOTS[kind.code])
    return unit_create(
        actor=actor,
        code=code,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        reason=_("Added from the unit's page"),
    )


@transaction.atomic
def structure_merge(
    *,
    actor: Actor,
    units: list[Unit],
    on: dt.date,
    into: Unit | None = None,
    new: NewUnit | None = None,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    for unit in [*units, *([into] if into else [])]:
        _require_above(actor, unit)
    return units_merge(
        actor=actor, units=units, on=on, into=into, new=new, decision=decision, note=note
    )


@transaction.atomic
def structure_split(
    *,
    actor: Actor,
    unit: Unit,
    on: dt.date,
    into: list[NewUnit],
    default_index: int = 0,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    _require_above(actor, unit)
    return unit_split(
        actor=actor,
        unit=unit,
        on=on,
        into=into,
        default_index=default_index,
        decision=decision,
        note=note,
    )


@transaction.atomic
def structure_rename(
    *, actor: Actor, unit: Unit, on: dt.date, name: str, decision: str = "", note: str = ""
) -> LineageEvent:
    _require_above(actor, unit)
    return unit_rename(actor=actor, unit=unit, on=on, name=name, decision=decision, note=note)


@transaction.atomic
def structure_transfer(
    *, actor: Actor, unit: Unit, on: dt.date, parent: Unit, decision: str = "", note: str = ""
) -> LineageEvent:
    _require_above(actor, unit)
    require(actor, Role.ADMIN, parent)
    return unit_transfer(actor=actor, unit=unit, on=on, parent=parent, decision=decision, note=note)


@transaction.atomic
def structure_abolish(
    *, actor: Actor, unit: Unit, on: dt.date, decision: str = "", note: str = ""
) -> LineageEvent:
    _require_above(actor, unit)
    return unit_abolish(actor=actor, unit=unit, on=on, decision=decision, note=note)
