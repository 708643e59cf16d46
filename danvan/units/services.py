"""Writes to units: creation, corrections, and the structural changes that keep history.

Every function takes `actor=`, validates, runs in one transaction and writes the change log.
A structural change never edits a unit's place in the tree: it ends the old rows the day
before `on`, creates (or reuses) successors valid from `on`, links them in a LineageEvent,
carries the live children over to the successor, and points the old rows' `current_path`
at their default successor so that their records count there today.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, snapshot
from danvan.common.text import normalize, search_key
from danvan.units.models import (
    LineageEvent,
    LineageKind,
    LineageLink,
    Unit,
    UnitKind,
    UnitLevel,
    path_segment,
)
from danvan.units.signals import current_paths_moving

Actor = AbstractBaseUser | None

EDITABLE_FIELDS = ("code", "name", "latitude", "longitude")


@dataclass(frozen=True)
class NewUnit:
    """What a structural change creates: a successor unit."""

    code: str
    name: str
    level: UnitLevel | None = None  # default: the level of the (first) old unit
    kind: UnitKind | None = None  # default: the kind of the (first) old unit
    parent: Unit | None = None  # default: the parent of the (first) old unit


def search_key_for(*, code: str, name: str) -> str:
    """Folded name and code, with a leading space so that " word" matches word starts."""
    return search_key(name, code)


def place(unit: Unit) -> None:
    """Give a saved unit its path, depth and current path from its parent."""
    parent = unit.parent
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.current_path = unit.path
    unit.depth = parent.depth + 1 if parent else 0


def _check_parent(*, parent: Unit | None, valid_from: dt.date | None) -> None:
    """A unit begins while its parent is in force."""
    if parent is None or parent.valid_until is None:
        return
    if valid_from is None:
        raise ValidationError(
            _("The parent unit %(parent)s ended on %(day)s: give the date this unit began.")
            % {"parent": parent.name, "day": parent.valid_until.strftime("%d/%m/%Y")}
        )
    if valid_from > parent.valid_until:
        raise ValidationError(
            _("The parent unit %(parent)s has ended on %(day)s.")
            % {"parent": parent.name, "day": parent.valid_until.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def unit_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    level: UnitLevel,
    kind: UnitKind,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    is_sample: bool = False,
    source: str = "",
    source_key: str = "",
    reason: str = "",
) -> Unit:
    _check_parent(parent=parent, valid_from=valid_from)
    code, name = normalize(code), normalize(name)
    unit = Unit(
        code=code,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        latitude=latitude,
        longitude=longitude,
        is_sample=is_sample,
        source=source,
        source_key=source_key,
        search_key=search_key_for(code=code, name=name),
        path="-",
        current_path="-",
    )
    unit.full_clean(exclude=["path", "current_path", "search_key"])
    unit.save()
    place(unit)
    unit.save(update_fields=["path", "current_path", "depth"])
    record_change(
        actor=actor,
        instance=unit,
        action=ChangeAction.CREATE,
        after=snapshot(unit, fields=[*EDITABLE_FIELDS, "level", "kind", "valid_from"]),
        reason=reason,
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: Unit, reason: str = "", **changes: Any) -> Unit:
    """Correct a unit's code, name or coordinates; history-worthy changes are lineage events."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"unit_update cannot change {sorted(unknown)}; use a lineage service")
    before = snapshot(unit, fields=list(EDITABLE_FIELDS))
    for field, value in changes.items():
        setattr(unit, field, normalize(value) if isinstance(value, str) else value)
    unit.search_key = search_key_for(code=unit.code, name=unit.name)
    unit.full_clean(exclude=["path", "current_path", "search_key"])
    unit.save()
    after = snapshot(unit, fields=list(EDITABLE_FIELDS))
    if after != before:
        record_change(
            actor=actor,
            instance=unit,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
            reason=reason,
        )
    return unit


# --- structural changes ---------------------------------------------------------------


def redirect_current_paths(*, old_prefix: str, new_prefix: str) -> int:
    """Move every unit whose records count under `old_prefix` to count under `new_prefix`."""
    current_paths_moving.send(sender=Unit, old_prefix=old_prefix, new_prefix=new_prefix)
    return Unit.objects.filter(current_path__startswith=old_prefix).update(
        current_path=Concat(
            Value(new_prefix),
            Substr("current_path", len(old_prefix) + 1),
            output_field=CharField(),
        )
    )


def _check_open(units: list[Unit], on: dt.date) -> None:
    for unit in units:
        if unit.valid_until is not None:
            raise ValidationError(
                _("%(unit)s has already ended on %(day)s.")
                % {"unit": unit.name, "day": unit.valid_until.strftime("%d/%m/%Y")}
            )
        if unit.valid_from is not None and unit.valid_from >= on:
            raise ValidationError(
                _("The change must take effect after %(unit)s began (%(day)s).")
                % {"unit": unit.name, "day": unit.valid_from.strftime("%d/%m/%Y")}
            )
        later = (
            Unit.objects.filter(path__startswith=unit.path, valid_until__isnull=True)
            .filter(valid_from__gte=on)
            .exclude(pk=unit.pk)
            .first()
        )
        if later is not None:
            raise ValidationError(
                _("%(child)s, below %(unit)s, begins on %(day)s: the change must come after it.")
                % {
                    "child": later.name,
                    "unit": unit.name,
                    "day": later.valid_from.strftime("%d/%m/%Y") if later.valid_from else "",
                }
            )
    pks = [unit.pk for unit in units]
    if len(set(pks)) != len(pks):
        raise ValidationError(_("The same unit is named twice."))
    for unit in units:
        for other in units:
            if other.pk != unit.pk and other.path.startswith(unit.path):
                raise ValidationError(
                    _("%(inner)s is below %(outer)s: name only %(outer)s.")
                    % {"inner": other.name, "outer": unit.name}
                )


def _end(*, unit: Unit, on: dt.date, successor: Unit | None) -> None:
    """End `unit` the day before `on`; its records follow `successor` when there is one."""
    unit.valid_until = on - dt.timedelta(days=1)
    unit.successor = successor
    unit.save(update_fields=["valid_until", "successor"])
    if successor is not None:
        redirect_current_paths(old_prefix=unit.current_path, new_prefix=successor.current_path)
        unit.refresh_from_db(fields=["current_path"])


def _create_successor(*, spec: NewUnit, like: Unit, on: dt.date) -> Unit:
    parent = spec.parent if spec.parent is not None else like.parent
    _check_parent(parent=parent, valid_from=on)
    code, name = normalize(spec.code), normalize(spec.name)
    unit = Unit(
        code=code,
        name=name,
        level=spec.level or like.level,
        kind=spec.kind or like.kind,
        parent=parent,
        valid_from=on,
        latitude=like.latitude,
        longitude=like.longitude,
        is_sample=like.is_sample,
        search_key=search_key_for(code=code, name=name),
        path="-",
        current_path="-",
    )
    unit.full_clean(exclude=["path", "current_path", "search_key"])
    unit.save()
    place(unit)
    unit.save(update_fields=["path", "current_path", "depth"])
    return unit


def _carry_children(
    *, actor: Actor, old: Unit, new: Unit, on: dt.date, event: LineageEvent
) -> None:
    """Re-create the children of `old` that are still valid under `new`, recursively."""
    for child in list(old.children.filter(valid_until__isnull=True)):
        copy = Unit(
            code=child.code,
            name=child.name,
            level=child.level,
            kind=child.kind,
            parent=new,
            valid_from=on,
            latitude=child.latitude,
            longitude=child.longitude,
            is_sample=child.is_sample,
            search_key=child.search_key,
            path="-",
            current_path="-",
        )
        # The old child holds the code while it is valid: it gives it up first.
        child.valid_until = on - dt.timedelta(days=1)
        child.save(update_fields=["valid_until"])
        copy.save()
        place(copy)
        copy.save(update_fields=["path", "current_path", "depth"])
        LineageLink.objects.create(event=event, predecessor=child, successor=copy)
        _carry_children(actor=actor, old=child, new=copy, on=on, event=event)
        _end(unit=child, on=on, successor=copy)
        _log_ended(actor=actor, event=event, old=child, successor=copy)
        _log_began(actor=actor, event=event, unit=copy)


def _change(
    *,
    actor: Actor,
    kind: LineageKind,
    olds: list[Unit],
    successors: list[Unit],
    default: Unit | None,
    on: dt.date,
    decision: str,
    note: str,
    carry_to: Unit | None,
) -> LineageEvent:
    """The common step of every structural change."""
    event = LineageEvent.objects.create(
        kind=kind, effective_date=on, decision=normalize(decision), note=note
    )
    for old in olds:
        if successors:
            for successor in successors:
                LineageLink.objects.create(
                    event=event,
                    predecessor=old,
                    successor=successor,
                    is_default=successor == default,
                )
        else:
            LineageLink.objects.create(event=event, predecessor=old, successor=None)
    for old in olds:
        if carry_to is not None:
            _carry_children(actor=actor, old=old, new=carry_to, on=on, event=event)
        else:
            children = list(old.children.filter(valid_until__isnull=True))
            _end_subtree(actor=actor, olds=children, on=on, event=event)
        _end(unit=old, on=on, successor=default)
        _log_ended(actor=actor, event=event, old=old, successor=default)
    for successor in successors:
        _log_began(actor=actor, event=event, unit=successor)
    return event


def _end_subtree(*, actor: Actor, olds: list[Unit], on: dt.date, event: LineageEvent) -> None:
    for old in olds:
        children = list(old.children.filter(valid_until__isnull=True))
        _end_subtree(actor=actor, olds=children, on=on, event=event)
        _end(unit=old, on=on, successor=None)
        _log_ended(actor=actor, event=event, old=old, successor=None)


def _log_ended(*, actor: Actor, event: LineageEvent, old: Unit, successor: Unit | None) -> None:
    record_change(
        actor=actor,
        instance=old,
        action=ChangeAction.LINEAGE,
        # Every old unit passed _check_open, though it may already have given up its code.
        before={"valid_until": None, "successor": None},
        after={
            "valid_until": old.valid_until.isoformat() if old.valid_until else None,
            "successor": f"{successor.name} ({successor.code})" if successor else None,
        },
        reason=f"{event.get_kind_display()}: {event.note}".strip(": "),
    )


def _log_began(*, actor: Actor, event: LineageEvent, unit: Unit) -> None:
    """Only the event is named: the units it came from may lie outside a reader's scope; the
    unit's page shows them through the scoped history."""
    record_change(
        actor=actor,
        instance=unit,
        action=ChangeAction.LINEAGE,
        after={
            "lineage": str(event.get_kind_display()),
            "valid_from": event.effective_date.isoformat(),
        },
        reason=f"{event.get_kind_display()}: {event.note}".strip(": "),
    )


@transaction.atomic
def units_merge(
    *,
    actor: Actor,
    units: list[Unit],
    on: dt.date,
    into: Unit | None = None,
    new: NewUnit | None = None,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    """Merge N units into one: an existing unit (`into`) or a new one (`new`)."""
    if (into is None) == (new is None):
        raise ValueError("units_merge takes exactly one of into= and new=")
    if len(units) < 1 or (new is not None and len(units) < 2 and into is None):
        raise ValidationError(_("A merge needs at least two units."))
    _check_open(units, on)
    if into is not None:
        _check_open([into], on)
        if into in units:
            raise ValidationError(_("A unit cannot be merged into itself."))
        if any(into.path.startswith(unit.path) for unit in units):
            raise ValidationError(_("A unit cannot be merged into a unit below it."))
        target = into
    else:
        assert new is not None
        for old in units:
            _end_code_if_reused(old=old, code=new.code, on=on)
        target = _create_successor(spec=new, like=units[0], on=on)
    return _change(
        actor=actor,
        kind=LineageKind.MERGE,
        olds=units,
        successors=[target],
        default=target,
        on=on,
        decision=decision,
        note=note,
        carry_to=target,
    )


@transaction.atomic
def unit_split(
    *,
    actor: Actor,
    unit: Unit,
    on: dt.date,
    into: list[NewUnit],
    default_index: int = 0,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    """Split one unit into several new ones; its children go to the default successor."""
    if len(into) < 2:
        raise ValidationError(_("A split needs at least two new units."))
    _check_open([unit], on)
    for spec in into:
        _end_code_if_reused(old=unit, code=spec.code, on=on)
    successors = [_create_successor(spec=spec, like=unit, on=on) for spec in into]
    default = successors[default_index]
    return _change(
        actor=actor,
        kind=LineageKind.SPLIT,
        olds=[unit],
        successors=successors,
        default=default,
        on=on,
        decision=decision,
        note=note,
        carry_to=default,
    )


def _end_code_if_reused(*, old: Unit, code: str, on: dt.date) -> None:
    """A successor may keep its predecessor's code: the predecessor gives it up first."""
    if normalize(code) == old.code and old.valid_until is None:
        old.valid_until = on - dt.timedelta(days=1)
        old.save(update_fields=["valid_until"])


def _succeed_one(
    *,
    actor: Actor,
    kind: LineageKind,
    unit: Unit,
    spec: NewUnit,
    on: dt.date,
    decision: str,
    note: str,
) -> LineageEvent:
    _check_open([unit], on)
    _end_code_if_reused(old=unit, code=spec.code, on=on)
    successor = _create_successor(spec=spec, like=unit, on=on)
    return _change(
        actor=actor,
        kind=kind,
        olds=[unit],
        successors=[successor],
        default=successor,
        on=on,
        decision=decision,
        note=note,
        carry_to=successor,
    )


@transaction.atomic
def unit_rename(
    *,
    actor: Actor,
    unit: Unit,
    on: dt.date,
    name: str,
    code: str | None = None,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    spec = NewUnit(code=code or unit.code, name=name)
    return _succeed_one(
        actor=actor,
        kind=LineageKind.RENAME,
        unit=unit,
        spec=spec,
        on=on,
        decision=decision,
        note=note,
    )


@transaction.atomic
def unit_retype(
    *,
    actor: Actor,
    unit: Unit,
    on: dt.date,
    kind: UnitKind,
    name: str | None = None,
    level: UnitLevel | None = None,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    spec = NewUnit(code=unit.code, name=name or unit.name, kind=kind, level=level)
    return _succeed_one(
        actor=actor,
        kind=LineageKind.RETYPE,
        unit=unit,
        spec=spec,
        on=on,
        decision=decision,
        note=note,
    )


@transaction.atomic
def unit_transfer(
    *,
    actor: Actor,
    unit: Unit,
    on: dt.date,
    parent: Unit,
    decision: str = "",
    note: str = "",
) -> LineageEvent:
    """Move a unit (and what is below it) under another parent."""
    if parent.path.startswith(unit.path):
        raise ValidationError(_("A unit cannot be moved below itself."))
    spec = NewUnit(code=unit.code, name=unit.name, parent=parent)
    return _succeed_one(
        actor=actor,
        kind=LineageKind.TRANSFER,
        unit=unit,
        spec=spec,
        on=on,
        decision=decision,
        note=note,
    )


@transaction.atomic
def unit_abolish(
    *, actor: Actor, unit: Unit, on: dt.date, decision: str = "", note: str = ""
) -> LineageEvent:
    """End a unit and everything still valid below it, with no successor."""
    _check_open([unit], on)
    return _change(
        actor=actor,
        kind=LineageKind.ABOLISH,
        olds=[unit],
        successors=[],
        default=None,
        on=on,
        decision=decision,
        note=note,
        carry_to=None,
    )
