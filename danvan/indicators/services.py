"""Writes of figures and periodic reports.

Counted records reach the figures through `figures_track`: the registry's and the activities'
services call it in their own transaction with what a record counted before and after the
write. The figures of a unit and of every unit above it change in one statement, so the very
next read sees the write. `figures_rebuild` recomputes everything from the records (for a
check, or after loading data outside the services).
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import user_can
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change
from danvan.common.locking import lock_for_edit
from danvan.common.numbers import format_number
from danvan.indicators.models import (
    Cell,
    Indicator,
    IndicatorRule,
    PeriodReport,
    ReportStatus,
    ReportValue,
)
from danvan.indicators.periods import Grain, Period, month_start
from danvan.units.models import Unit, path_ids

Actor = User | None
# (indicator id, unit id, grain, period start, "value" or "ended") -> amount
Figures = Counter[tuple[int, int, str, dt.date, str]]


def _counted_indicators(record_type: str) -> list[Indicator]:
    return list(Indicator.objects.filter(record_type=record_type))


LOOKUPS = {"in", "isnull"}
# The unit a record counts under: its `unit`, or for a unit (a village team, a block) the unit
# it belongs to.
OWNER = {"units.unit": "parent_id"}


def _value_at(record: models.Model, names: list[str]) -> Any:
    """`record.kind.code` for ["kind", "code"]; None past a missing link."""
    value: Any = record
    for name in names:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _matches(record: models.Model, wanted: Mapping[str, Any]) -> bool:
    for key, expected in wanted.items():
        names = key.split("__")
        lookup = names.pop() if len(names) > 1 and names[-1] in LOOKUPS else ""
        value = _value_at(record, names)
        if lookup == "isnull":
            if (value is None) != bool(expected):
                return False
        elif lookup == "in":
            if value not in expected:
                return False
        elif value != expected:
            return False
    return True


def _links(indicators: Iterable[Indicator]) -> set[str]:
    """The links the indicators' filters follow (to read the records with them)."""
    links = set()
    for indicator in indicators:
        for key in indicator.record_filter:
            names = [n for n in key.split("__") if n not in LOOKUPS]
            if len(names) > 1:
                links.add("__".join(names[:-1]))
    return links


def figures_of(records: Iterable[models.Model]) -> Figures:
    """What the records count, by indicator, unit and month ("ended" for what stopped)."""
    figures: Figures = Counter()
    by_type: dict[str, list[Indicator]] = {}
    for record in records:
        label = record._meta.label_lower
        if label not in by_type:
            by_type[label] = _counted_indicators(label)
        for indicator in by_type[label]:
            if not _matches(record, indicator.record_filter):
                continue
            value = (
                int(getattr(record, indicator.record_value) or 0) if indicator.record_value else 1
            )
            unit_id = getattr(record, OWNER.get(label, "unit_id"))
            if unit_id is None:  # the central unit: under no one
                continue
            start = month_start(getattr(record, indicator.record_date))
            figures[(indicator.pk, unit_id, Grain.MONTH, start, "value")] += value
            until = getattr(record, indicator.record_until) if indicator.record_until else None
            if until is not None:
                figures[(indicator.pk, unit_id, Grain.MONTH, month_start(until), "ended")] += value
    return figures


def _upsert(rows: dict[tuple[int, int, str, dt.date], list[int]]) -> None:
    """Add the six deltas of each row to its cell, creating it when missing."""
    if not rows:
        return
    table = Cell._meta.db_table
    columns = ["own", "own_ended", "then_total", "then_ended", "now_total", "now_ended"]
    sql = (
        f"INSERT INTO {table} (indicator_id, unit_id, grain, period_start, {', '.join(columns)}) "
        f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        f"ON CONFLICT (indicator_id, unit_id, period_start, grain) DO UPDATE SET "
        + ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns)
    )
    params: list[tuple[Any, ...]] = [
        (indicator_id, unit_id, grain, start, *deltas)
        for (indicator_id, unit_id, grain, start), deltas in sorted(rows.items())
        if any(deltas)
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _spread(figures: Figures) -> dict[tuple[int, int, str, dt.date], list[int]]:
    """Each unit's deltas as deltas of its own cell and of the cells of every unit above it."""
    unit_ids = {unit_id for (_i, unit_id, _g, _s, _k) in figures}
    units = Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path", "current_path")
    paths = {pk: (path, current) for pk, path, current in units}
    rows: dict[tuple[int, int, str, dt.date], list[int]] = defaultdict(lambda: [0] * 6)
    for (indicator_id, unit_id, grain, start, kind), delta in figures.items():
        if not delta:
            continue
        shift = 0 if kind == "value" else 1
        path, current = paths[unit_id]
        rows[(indicator_id, unit_id, grain, start)][0 + shift] += delta
        for node in path_ids(path):
            rows[(indicator_id, node, grain, start)][2 + shift] += delta
        for node in path_ids(current):
            rows[(indicator_id, node, grain, start)][4 + shift] += delta
    return rows


def figures_track(*, before: Figures | None = None, after: Figures | None = None) -> None:
    """Apply the change from what some records counted `before` a write to what they count
    `after` it (call `figures_of` on both sides, inside the writing transaction)."""
    change: Figures = Counter()
    change.update(after or {})
    change.subtract(before or {})
    _upsert(_spread(change))


@contextmanager
def figures_kept(records: Sequence[models.Model]) -> Iterator[None]:
    """The figures follow a write of `records` (the body of the `with`, in the writing
    transaction): what they counted before it is taken away, what they count after is added."""
    before = figures_of(records)
    yield
    figures_track(before=before, after=figures_of(records))


def figures_follow_unit(*, before: Unit | None, after: Unit | None) -> None:
    """A unit counted by an indicator (a village team, a block) was created, changed or
    deleted: what it counts under its parent moves with it."""
    figures_track(
        before=figures_of([before]) if before is not None else None,
        after=figures_of([after]) if after is not None else None,
    )


def figures_follow_structure(*, old_prefix: str, new_prefix: str, **_kwargs: Any) -> None:
    """Units are about to count under `new_prefix` instead of `old_prefix` (a merge, a
    transfer): move their own figures from the old line of units to the new one."""
    own = (
        Cell.objects.filter(unit__current_path__startswith=old_prefix)
        .values("indicator_id", "grain", "period_start")
        .annotate(value=Sum("own"), ended=Sum("own_ended"))
    )
    old_line, new_line = path_ids(old_prefix), path_ids(new_prefix)
    rows: dict[tuple[int, int, str, dt.date], list[int]] = defaultdict(lambda: [0] * 6)
    for row in own:
        for node, sign in [*((n, -1) for n in old_line), *((n, 1) for n in new_line)]:
            cell = rows[(row["indicator_id"], node, row["grain"], row["period_start"])]
            cell[4] += sign * row["value"]
            cell[5] += sign * row["ended"]
    _upsert(rows)


def _entered(report: PeriodReport) -> Figures:
    figures: Figures = Counter()
    for value in report.values.all():
        figures[
            (value.indicator_id, report.unit_id, report.grain, report.period_start, "value")
        ] += value.value
    return figures


@transaction.atomic
def figures_rebuild() -> int:
    """Recompute every figure from the records and the entered totals; returns the cells."""
    Cell.objects.all().delete()
    figures: Figures = Counter()
    counted = Indicator.objects.exclude(record_type="")
    for record_type in set(counted.values_list("record_type", flat=True)):
        model = apps.get_model(record_type)
        records = model._default_manager.select_related(
            *_links(counted.filter(record_type=record_type))
        )
        figures.update(figures_of(records.iterator(chunk_size=5000)))
    for report in PeriodReport.objects.prefetch_related("values"):
        figures.update(_entered(report))
    _upsert(_spread(figures))
    return Cell.objects.count()


# --- periodic reports --------------------------------------------------------------------


def _require(actor: Actor, role: Role, unit: Unit) -> None:
    if actor is not None and not user_can(actor, role, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit})


def _require_above(actor: Actor, report: PeriodReport) -> None:
    """Approving is for the level above: an approver over the unit's parent."""
    parent = report.unit.parent
    if actor is None:
        return
    if parent is None or not user_can(actor, Role.APPROVER, parent):
        raise PermissionDenied(
            _("Only an approver of the level above %(unit)s may do this.") % {"unit": report.unit}
        )


def _check_rules(values: Mapping[int, int]) -> None:
    errors = []
    for rule in IndicatorRule.objects.select_related("larger", "smaller"):
        larger, smaller = values.get(rule.larger_id), values.get(rule.smaller_id)
        if larger is not None and smaller is not None and larger < smaller:
            errors.append(
                _("%(larger)s (%(larger_value)s) cannot be less than %(smaller)s (%(value)s).")
                % {
                    "larger": rule.larger.name,
                    "larger_value": format_number(larger),
                    "smaller": rule.smaller.name,
                    "value": format_number(smaller),
                }
            )
    if errors:
        raise ValidationError(errors)


def _locked(unit: Unit, period: Period) -> PeriodReport:
    report, _created = PeriodReport.objects.select_for_update().get_or_create(
        unit=unit, grain=period.grain, period_start=period.start
    )
    return report


@transaction.atomic
def report_save(
    *,
    actor: Actor,
    unit: Unit,
    period: Period,
    values: Mapping[int, int | None],
    version: int | None = None,
    is_sample: bool = False,
) -> PeriodReport:
    """Enter a unit's totals for a period (indicator id -> value; None clears it); `version`
    is the one of the report the officer loaded, 0 when there was none (core.locking)."""
    _require(actor, Role.EDITOR, unit)
    if unit.valid_until is not None and unit.valid_until < period.start:
        raise ValidationError(_("%(unit)s had ended before this period.") % {"unit": unit})
    report = lock_for_edit(_locked(unit, period), version=version)
    if report.is_locked:
        raise ValidationError(
            _("The report for %(period)s is %(status)s: it cannot be changed.")
            % {"period": period, "status": report.get_status_display().lower()}
        )
    enterable = set(Indicator.objects.filter(enterable=True).values_list("pk", flat=True))
    wrong = [pk for pk in values if pk not in enterable]
    if wrong:
        raise ValidationError(_("These indicators cannot be entered: %(ids)s.") % {"ids": wrong})
    negative = [pk for pk, value in values.items() if value is not None and value < 0]
    if negative:
        raise ValidationError(_("A total cannot be negative."))
    kept = {pk: value for pk, value in values.items() if value is not None}
    _check_rules(kept)
    before_figures = _entered(report)
    before = {v.indicator.code: v.value for v in report.values.select_related("indicator")}
    report.values.all().delete()
    ReportValue.objects.bulk_create(
        [ReportValue(report=report, indicator_id=pk, value=value) for pk, value in kept.items()]
    )
    report.is_sample = is_sample
    report.save()
    figures_track(before=before_figures, after=_entered(report))
    after = {v.indicator.code: v.value for v in report.values.select_related("indicator")}
    if before != after:
        record_change(
            actor=actor, instance=report, action=ChangeAction.UPDATE, before=before, after=after
        )
    return report


def _move(
    *, actor: Actor, report: PeriodReport, to: ReportStatus, allowed: list[str], note: str = ""
) -> PeriodReport:
    report = (
        PeriodReport.objects.select_for_update(of=("self",))
        .select_related("unit__parent")
        .get(pk=report.pk)
    )
    if report.status not in allowed:
        raise ValidationError(
            _("The report is %(status)s: it cannot become %(to)s.")
            % {"status": report.get_status_display().lower(), "to": to.label.lower()}
        )
    before = {"status": report.get_status_display()}
    report.status = to
    report.version += 1  # open forms of the report see the step (core.locking)
    now = timezone.now()
    if to == ReportStatus.SUBMITTED:
        report.submitted_at, report.submitted_by = now, actor
    else:
        report.decided_at, report.decided_by = now, actor
    report.note = note
    report.save()
    record_change(
        actor=actor,
        instance=report,
        action=ChangeAction.UPDATE,
        before=before,
        after={"status": report.get_status_display()},
        reason=note,
    )
    return report


@transaction.atomic
def report_submit(*, actor: Actor, report: PeriodReport) -> PeriodReport:
    _require(actor, Role.EDITOR, report.unit)
    return _move(
        actor=actor,
        report=report,
        to=ReportStatus.SUBMITTED,
        allowed=[ReportStatus.DRAFT, ReportStatus.RETURNED],
    )


@transaction.atomic
def report_approve(*, actor: Actor, report: PeriodReport) -> PeriodReport:
    """The level above accepts the report: it is locked until reopened."""
    _require_above(actor, report)
    return _move(
        actor=actor, report=report, to=ReportStatus.APPROVED, allowed=[ReportStatus.SUBMITTED]
    )


def _reason(note: str) -> str:
    if not note.strip():
        raise ValidationError(_("Give the reason."))
    return note.strip()


@transaction.atomic
def report_return(*, actor: Actor, report: PeriodReport, note: str) -> PeriodReport:
    """The level above sends the report back to be corrected."""
    _require_above(actor, report)
    return _move(
        actor=actor,
        report=report,
        to=ReportStatus.RETURNED,
        allowed=[ReportStatus.SUBMITTED],
        note=_reason(note),
    )


@transaction.atomic
def report_reopen(*, actor: Actor, report: PeriodReport, note: str) -> PeriodReport:
    """Unlock an approved report so that it can be corrected (and approved again)."""
    _require_above(actor, report)
    return _move(
        actor=actor,
        report=report,
        to=ReportStatus.DRAFT,
        allowed=[ReportStatus.APPROVED],
        note=_reason(note),
    )
