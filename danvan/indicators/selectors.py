"""Reads of figures: the one roll-up every page, report, export and the API go through.

`figures(...)` answers any indicators for any units and period, each unit with everything
below it, under today's structure (`as_of=None`: merged-away units count in their successors)
or as the structure was on a past date (`as_of=day`: each unit with what lay below it then).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, QuerySet, Sum, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, home_units, scoped, units_visible, user_can
from danvan.capability.declaration import Pending
from danvan.common.forms import posted_id
from danvan.indicators.models import (
    Aggregation,
    Cell,
    Indicator,
    PeriodReport,
    ReportingDeadline,
    ReportStatus,
)
from danvan.indicators.periods import Period
from danvan.units.models import Unit


def indicators_all() -> list[Indicator]:
    return list(Indicator.objects.all())


def _columns(as_of: dt.date | None) -> tuple[str, str]:
    return ("then_total", "then_ended") if as_of else ("now_total", "now_ended")


def figures(
    indicators: Sequence[Indicator],
    units: Sequence[Unit],
    period: Period,
    *,
    as_of: dt.date | None = None,
) -> dict[tuple[str, int], int]:
    """(indicator code, unit id) -> the figure of the unit and everything below it."""
    total, ended = _columns(as_of)
    unit_ids = [unit.pk for unit in units]
    result: dict[tuple[str, int], int] = {
        (indicator.code, unit.pk): 0 for indicator in indicators for unit in units
    }
    by_aggregation: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_aggregation[indicator.aggregation].append(indicator)
    codes = {indicator.pk: indicator.code for indicator in indicators}
    cells = Cell.objects.filter(unit_id__in=unit_ids)

    summed = by_aggregation[Aggregation.SUM]
    if summed:
        rows = (
            cells.filter(
                indicator__in=summed,
                grain__in=period.inner_grains,
                period_start__gte=period.start,
                period_start__lte=period.last_month,
            )
            .values("indicator_id", "unit_id")
            .annotate(value=Sum(total))
        )
        for row in rows:
            result[(codes[row["indicator_id"]], row["unit_id"])] = row["value"] or 0

    in_force = by_aggregation[Aggregation.BALANCE]
    if in_force:
        rows = (
            cells.filter(indicator__in=in_force, period_start__lte=period.last_month)
            .values("indicator_id", "unit_id")
            .annotate(
                value=Sum(total)
                - Sum(
                    Case(
                        When(period_start__lt=period.start, then=F(ended)),
                        default=0,
                        output_field=IntegerField(),
                    )
                )
            )
        )
        for row in rows:
            result[(codes[row["indicator_id"]], row["unit_id"])] = row["value"] or 0

    levels = by_aggregation[Aggregation.LATEST] + by_aggregation[Aggregation.MAX]
    if levels:
        # A cell can hold figures of one structure and none of the other (a merge moves only
        # today's): an empty one is no report and must not hide the latest real one.
        rows = (
            cells.filter(indicator__in=levels, period_start__lte=period.last_month)
            .exclude(**{total: 0})
            .values("indicator_id", "unit_id", "period_start")
            .annotate(value=Sum(total))
            .order_by("period_start")
        )
        aggregation = {indicator.pk: indicator.aggregation for indicator in levels}
        for row in rows:
            key = (codes[row["indicator_id"]], row["unit_id"])
            if aggregation[row["indicator_id"]] == Aggregation.LATEST:
                result[key] = row["value"] or 0  # rows come oldest first: the last one wins
            elif row["period_start"] >= period.start:
                result[key] = max(result[key], row["value"] or 0)
    return result


def figure(
    indicator: Indicator, unit: Unit, period: Period, *, as_of: dt.date | None = None
) -> int:
    return figures([indicator], [unit], period, as_of=as_of)[(indicator.code, unit.pk)]


def figures_by_month(
    indicators: Sequence[Indicator], unit: Unit, year: int, *, as_of: dt.date | None = None
) -> dict[str, list[int]]:
    """Each indicator's figure for each month of the year (twelve values)."""
    result: dict[str, list[int]] = {indicator.code: [] for indicator in indicators}
    for month in range(1, 13):
        values = figures(indicators, [unit], Period.month(year, month), as_of=as_of)
        for indicator in indicators:
            result[indicator.code].append(values[(indicator.code, unit.pk)])
    return result


def structure_children(unit: Unit, *, as_of: dt.date | None = None) -> QuerySet[Unit]:
    """The units directly below `unit` in today's structure, or in the one of `as_of`."""
    children = Unit.objects.filter(parent=unit).exclude(level__code="village")
    children = children.valid_on(as_of) if as_of else children.current()
    return children.select_related("level", "kind").order_by("kind__name", "code")


def rollup_visible(user: AnyUser, *, unit_pk: int) -> Unit:
    """A unit whose figures the user may read; 404 otherwise."""
    unit = units_visible(user).select_related("level", "kind", "parent").filter(pk=unit_pk).first()
    if unit is None:
        raise Http404
    return unit


def rollup_unit_asked(user: AnyUser, *, raw: str) -> Unit:
    """The unit a page of figures asks for (`?unit=` as text), else the first unit the user
    works at; 404 when it may not read it or works nowhere."""
    if raw.isascii() and raw.isdigit():
        return rollup_visible(user, unit_pk=posted_id(raw))
    homes = home_units(user)
    if not homes:
        raise Http404
    return homes[0]


# --- periodic reports --------------------------------------------------------------------


def reports_visible(user: AnyUser) -> QuerySet[PeriodReport]:
    return scoped(user, PeriodReport.objects.select_related("unit", "submitted_by", "decided_by"))


LOCKING = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def reports_locking(
    pairs: Iterable[tuple[Unit, dt.date]], *, hold: bool = False
) -> dict[tuple[int, dt.date], PeriodReport]:
    """For each (unit, day): a submitted or approved report, of the unit or of a unit above it,
    whose period holds the day. The records it counts may not change until it is returned or
    reopened. One query for all the pairs.

    `hold`, in a transaction that writes such records: also lock every report that could lock
    them, so that none goes up before the write commits (a submission waits, then counts it);
    otherwise a report checked as open here could be submitted before the write lands."""
    pairs = list(pairs)
    if not pairs:
        return {}
    lines = {unit.pk: {*unit.ancestor_ids, unit.pk} for unit, _day in pairs}
    days = [day for _unit, day in pairs]
    candidates = PeriodReport.objects.filter(
        unit_id__in=set().union(*lines.values()),
        period_start__gte=Period.year(min(days).year).start,
        period_start__lte=max(days),
    ).select_related("unit")
    if hold:  # always in the order of their ids: two writers never wait on each other in a circle
        candidates = candidates.select_for_update(of=("self",), no_key=True).order_by("pk")
    reports = [report for report in candidates if report.status in LOCKING]
    found = {}
    for unit, day in pairs:
        for report in reports:
            if report.unit_id in lines[unit.pk] and report.period.start <= day <= report.period.end:
                found[(unit.pk, day)] = report
                break
    return found


def report_due(period: Period) -> dt.date:
    deadline = ReportingDeadline.objects.filter(grain=period.grain).first()
    return period.end + dt.timedelta(days=deadline.days_after_end if deadline else 10)


@dataclass
class ChildReport:
    unit: Unit
    report: PeriodReport | None
    on_time: bool | None  # None: not submitted yet


@dataclass
class Completeness:
    period: Period
    due: dt.date
    children: list[ChildReport]

    @property
    def reported(self) -> int:
        return sum(
            1
            for child in self.children
            if child.report
            and child.report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
        )

    @property
    def on_time(self) -> int:
        """Of the units that have reported, those that did before the deadline."""
        return sum(
            1
            for child in self.children
            if child.on_time
            and child.report
            and child.report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
        )

    @property
    def share(self) -> int:
        return round(100 * self.reported / len(self.children)) if self.children else 100


def completeness(unit: Unit, period: Period) -> Completeness:
    """Which units directly below `unit` have reported for the period, and whether on time."""
    children = list(
        Unit.objects.filter(parent=unit)
        .exclude(level__code="village")
        .valid_on(period.end)
        .select_related("level")
        .order_by("code")
    )
    reports = {
        report.unit_id: report
        for report in PeriodReport.objects.filter(
            unit__in=children, grain=period.grain, period_start=period.start
        )
    }
    due = report_due(period)
    rows = []
    for child in children:
        report = reports.get(child.pk)
        submitted = report.submitted_at if report else None
        on_time = None if submitted is None else timezone.localdate(submitted) <= due
        rows.append(ChildReport(unit=child, report=report, on_time=on_time))
    return Completeness(period=period, due=due, children=rows)


def reports_awaiting(user: AnyUser, units: Iterable[Unit]) -> QuerySet[PeriodReport]:
    """Submitted reports of the units directly below `units`, waiting for a decision."""
    return reports_visible(user).filter(unit__parent__in=list(units), status=ReportStatus.SUBMITTED)


@dataclass
class KeyFigure:
    indicator: Indicator
    this_year: int
    last_year: int

    @property
    def change(self) -> int | None:
        """Change against last year in percent (None when last year had nothing)."""
        if not self.last_year:
            return None
        return round(100 * (self.this_year - self.last_year) / self.last_year)


@dataclass
class Dashboard:
    unit: Unit
    year: int
    as_of: dt.date | None
    key_figures: list[KeyFigure]
    indicators: list[Indicator]
    children: list[Unit]
    by_child: dict[tuple[str, int], int]
    direct: dict[str, int]  # the unit's own records and those not below any child
    chosen: Indicator
    months_this_year: list[int]
    months_last_year: list[int]


def dashboard(
    unit: Unit, *, year: int, chosen: str = "", as_of: dt.date | None = None
) -> Dashboard:
    """Key figures of a unit for a year against the year before, by child unit and by month."""
    key = [indicator for indicator in Indicator.objects.all() if indicator.is_key]
    period, previous = Period.year(year), Period.year(year - 1)
    mine = figures(key, [unit], period, as_of=as_of)
    before = figures(key, [unit], previous, as_of=as_of)
    children = list(structure_children(unit, as_of=as_of))
    by_child = figures(key, children, period, as_of=as_of)
    direct = {
        indicator.code: mine[(indicator.code, unit.pk)]
        - sum(by_child[(indicator.code, child.pk)] for child in children)
        for indicator in key
    }
    picked = next((i for i in key if i.code == chosen), None) or next(
        (i for i in key if i.aggregation == Aggregation.SUM), key[0]
    )
    months = figures_by_month([picked], unit, year, as_of=as_of)[picked.code]
    months_before = figures_by_month([picked], unit, year - 1, as_of=as_of)[picked.code]
    return Dashboard(
        unit=unit,
        year=year,
        as_of=as_of,
        key_figures=[KeyFigure(i, mine[(i.code, unit.pk)], before[(i.code, unit.pk)]) for i in key],
        indicators=key,
        children=children,
        by_child=by_child,
        direct=direct,
        chosen=picked,
        months_this_year=months,
        months_last_year=months_before,
    )


def work_pending(user: AnyUser) -> list[Pending]:
    """For the home page: reports of the units below the user's that wait for the user's
    decision, and how many of them came after their due date."""
    approving = [unit for unit in home_units(user) if user_can(user, Role.APPROVER, unit)]
    waiting = list(
        reports_awaiting(user, approving)
        .select_related(None)
        .only("grain", "period_start", "submitted_at")
    )
    late = sum(
        1
        for report in waiting
        if report.submitted_at
        and timezone.localdate(report.submitted_at) > report_due(report.period)
    )
    url = f"{reverse('indicators:reports')}?status={ReportStatus.SUBMITTED}"
    return [Pending(_("Periodic reports to approve"), len(waiting), url, late=late)]
