"""Loading the official administrative units and the 2025 reform's lineage (idempotent)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change
from danvan.common.text import fold
from danvan.units.models import LineageEvent, LineageKind, LineageLink, Unit, UnitKind, UnitLevel
from danvan.units.official_data import (
    OfficialData,
    OfficialUnit,
    read_official_data,
    successions_by_old,
)
from danvan.units.services import place, redirect_current_paths, search_key_for

LEGACY_SOURCE = "gso-legacy"
CURRENT_SOURCE = "gso-2025"
REFORM_DATE = dt.date(2025, 7, 1)
CENTRAL_CODE = "TW"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # changed since by danvan's own lineage events: left as they are
    events_written: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.events_written)


def _central(kind: UnitKind, levels: dict[str, UnitLevel], result: LoadResult) -> Unit:
    central = Unit.objects.filter(code=CENTRAL_CODE, parent__isnull=True).first()
    if central is not None:
        return central
    central = Unit.objects.create(
        code=CENTRAL_CODE,
        name="Trung ương",
        level=levels["central"],
        kind=kind,
        search_key=search_key_for(code=CENTRAL_CODE, name="Trung ương"),
        source="danvan",
        source_key="central",
        path="-",
        current_path="-",
    )
    place(central)
    central.save(update_fields=["path", "current_path", "depth"])
    result.created += 1
    return central


def _upsert_units(
    *,
    source: str,
    official: list[OfficialUnit],
    central: Unit,
    kind: UnitKind,
    levels: dict[str, UnitLevel],
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    result: LoadResult,
) -> dict[str, Unit]:
    existing = {unit.source_key: unit for unit in Unit.objects.filter(source=source)}
    # Units that danvan's own structural changes have ended since: history wins over the list.
    changed_since = set(
        LineageLink.objects.exclude(event__source=CURRENT_SOURCE).values_list(
            "predecessor_id", flat=True
        )
    )
    by_key: dict[str, Unit] = {}
    changes: list[tuple[Unit, dict[str, object], dict[str, object]]] = []
    for level_code in ("province", "district", "commune"):
        batch = [unit for unit in official if unit.level == level_code]
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        for item in batch:
            parent = central if item.parent_key is None else by_key[item.parent_key]
            wanted = {
                "code": item.code,
                "name": item.name,
                "level_id": levels[level_code].pk,
                "kind_id": kind.pk,
                "parent_id": parent.pk,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "latitude": _coordinate(item.latitude),
                "longitude": _coordinate(item.longitude),
                "search_key": search_key_for(code=item.code, name=item.name),
            }
            unit = existing.get(item.key)
            if unit is None:
                unit = Unit(
                    source=source, source_key=item.key, path="-", current_path="-", **wanted
                )
                unit.parent = parent
                to_create.append(unit)
            elif unit.pk in changed_since:
                result.kept += 1
            elif any(getattr(unit, name) != value for name, value in wanted.items()):
                if unit.parent_id != parent.pk:
                    raise ValueError(f"{item.key} moved to another parent: record it as lineage")
                before: dict[str, object] = {
                    n: str(getattr(unit, n)) for n, v in wanted.items() if getattr(unit, n) != v
                }
                for name, value in wanted.items():
                    setattr(unit, name, value)
                changes.append((unit, before, {n: str(getattr(unit, n)) for n in before}))
                to_update.append(unit)
            else:
                result.unchanged += 1
            by_key[item.key] = unit
        Unit.objects.bulk_create(to_create, batch_size=1000)
        for unit in to_create:
            place(unit)
        Unit.objects.bulk_update(to_create, ["path", "current_path", "depth"], batch_size=1000)
        Unit.objects.bulk_update(
            to_update,
            ["code", "name", "valid_from", "valid_until", "latitude", "longitude", "search_key"],
            batch_size=1000,
        )
        result.created += len(to_create)
        result.updated += len(to_update)
    for unit, old_values, new_values in changes:
        record_change(
            actor=None,
            instance=unit,
            action=ChangeAction.IMPORT,
            before=old_values,
            after=new_values,
            reason="Official administrative units updated",
        )
    return by_key


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.6f}")


@transaction.atomic
def official_units_load(*, actor: AbstractBaseUser | None = None) -> LoadResult:
    """Load (or bring up to date) the official units, before and after 1/7/2025."""
    data = read_official_data()
    levels = {level.code: level for level in UnitLevel.objects.all()}
    kind = UnitKind.objects.get(code="party_committee")
    result = LoadResult()
    central = _central(kind, levels, result)
    legacy = _upsert_units(
        source=LEGACY_SOURCE,
        official=data.legacy,
        central=central,
        kind=kind,
        levels=levels,
        valid_from=None,
        valid_until=REFORM_DATE - dt.timedelta(days=1),
        result=result,
    )
    current = _upsert_units(
        source=CURRENT_SOURCE,
        official=data.current,
        central=central,
        kind=kind,
        levels=levels,
        valid_from=REFORM_DATE,
        valid_until=None,
        result=result,
    )
    _write_lineage(data=data, legacy=legacy, current=current, result=result)
    if result.changed:
        record_change(
            actor=actor,
            instance=central,
            action=ChangeAction.IMPORT,
            after={
                "created": result.created,
                "updated": result.updated,
                "lineage_events": result.events_written,
            },
            reason="Official administrative units (vietnam-provinces, vietnamadminunits)",
        )
    return result


def _write_lineage(
    *,
    data: OfficialData,
    legacy: dict[str, Unit],
    current: dict[str, Unit],
    result: LoadResult,
) -> None:
    grouped = successions_by_old(data)
    # One event per new unit for the whole predecessors, one per divided old commune,
    # one per district that has no successor.
    events: dict[str, tuple[LineageKind, list[tuple[Unit, Unit | None, bool]]]] = {}
    whole: dict[str, list[Unit]] = {}
    for old_key, old_unit in legacy.items():
        parts = grouped.get(old_key, [])
        if len(parts) == 1:
            whole.setdefault(parts[0].new_key, []).append(old_unit)
        elif len(parts) > 1:
            links: list[tuple[Unit, Unit | None, bool]] = [
                (old_unit, current[p.new_key], p.is_default) for p in parts
            ]
            events[f"split:{old_key}"] = (LineageKind.SPLIT, links)
        else:
            events[f"abolish:{old_key}"] = (LineageKind.ABOLISH, [(old_unit, None, False)])
    for new_key, olds in whole.items():
        new_unit = current[new_key]
        if len(olds) > 1:
            kind = LineageKind.MERGE
        elif _short(olds[0].name) == _short(new_unit.name):
            kind = LineageKind.TRANSFER
        else:
            kind = LineageKind.RENAME
        events[f"into:{new_key}"] = (kind, [(old, new_unit, True) for old in olds])

    existing = {
        event.source_key: event
        for event in LineageEvent.objects.filter(source=CURRENT_SOURCE).prefetch_related("links")
    }
    stale_links: list[int] = []
    new_links: list[LineageLink] = []
    for key, (kind, links) in events.items():
        wanted = {(old.pk, new.pk if new else None, default) for old, new, default in links}
        event = existing.get(key)
        if event is None:
            event = LineageEvent.objects.create(
                kind=kind,
                effective_date=REFORM_DATE,
                decision="Nghị quyết 202/2025/QH15",
                note="Sắp xếp đơn vị hành chính 2025",
                source=CURRENT_SOURCE,
                source_key=key,
            )
            have: set[tuple[int, int | None, bool]] = set()
        else:
            have = {(ln.predecessor_id, ln.successor_id, ln.is_default) for ln in event.links.all()}
            if event.kind != kind:
                event.kind = kind
                event.save(update_fields=["kind"])
        if have != wanted:
            if have:
                stale_links.extend(ln.pk for ln in event.links.all())
            new_links.extend(
                LineageLink(event=event, predecessor_id=old, successor_id=new, is_default=default)
                for old, new, default in wanted
            )
            result.events_written += 1
    LineageLink.objects.filter(pk__in=stale_links).delete()
    LineageLink.objects.bulk_create(new_links, batch_size=1000)

    # Default successors, and where each old unit's records count today. Communes first, then
    # districts, then provinces: a province's redirect moves only what is still below it
    # (its districts, whose records count in the new province but in no single commune).
    for prefix in ("w:", "d:", "p:"):
        for old_key, old_unit in legacy.items():
            if not old_key.startswith(prefix):
                continue
            default = next((p for p in grouped.get(old_key, []) if p.is_default), None)
            successor = current[default.new_key] if default else None
            if old_unit.successor_id != (successor.pk if successor else None):
                old_unit.successor = successor
                old_unit.save(update_fields=["successor"])
            if successor is not None and old_unit.current_path != successor.current_path:
                redirect_current_paths(
                    old_prefix=old_unit.current_path, new_prefix=successor.current_path
                )


def _short(name: str) -> str:
    """A unit's name without its type word: "Xã Tịnh Khê" -> "tinh khe"."""
    words = fold(name).split()
    for prefix in (["dac", "khu"], ["thi", "tran"], ["thi", "xa"], ["thanh", "pho"]):
        if words[: len(prefix)] == prefix:
            return " ".join(words[len(prefix) :])
    return " ".join(words[1:])
