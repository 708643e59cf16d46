"""The roll-up equals a brute-force sum over the records, on random trees, across merges and
splits, under today's structure and a past one; and a write shows in the very next read."""

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from danvan.activities.models import Conference, ConferenceKind
from danvan.activities.services import activity_create, activity_delete, activity_update
from danvan.indicators.models import Aggregation, Cell, Indicator, ReportValue
from danvan.indicators.periods import UNKNOWN_START, Grain, Period
from danvan.indicators.selectors import figures
from danvan.indicators.services import figures_rebuild, report_save
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod, Status
from danvan.registry.selectors import entries_within
from danvan.registry.services import entry_create, entry_transition
from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.services import NewUnit, unit_create, unit_split, units_merge
from danvan.units.tests.random_trees import (
    CHANGE_DAYS,
    Structure,
    change_apply,
    changes,
    tree_create,
    tree_shapes,
    units_in_force,
)

CHANGE_DAY = dt.date(2024, 7, 1)
BEFORE = dt.date(2024, 6, 30)
PERIODS = [
    Period.year(2024),
    *(Period.quarter(2024, q) for q in range(1, 5)),
    Period.month(2024, 7),
]


def _brute_force(unit: Unit, period: Period, *, as_of: dt.date | None) -> tuple[int, int]:
    field = "path" if as_of else "current_path"
    rows = Conference.objects.filter(
        **{f"unit__{field}__startswith": unit.path},
        date__gte=period.start,
        date__lte=period.end,
        by_sector=False,
    )
    return rows.count(), sum(rows.values_list("persons", flat=True))


def _teams(unit: Unit, period: Period, *, as_of: dt.date | None) -> int:
    """Village teams in force at any time in the period, belonging below the unit."""
    field = "path" if as_of else "current_path"
    return (
        Unit.objects.filter(
            kind__code="village_team", **{f"parent__{field}__startswith": unit.path}
        )
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=period.start))
        .count()
    )


def _check_everything() -> None:
    counted = list(
        Indicator.objects.filter(code__in=["conferences", "conference-persons", "village-teams"])
    )
    root = Unit.objects.get(code="R")
    for as_of in (None, BEFORE):
        units = list(Unit.objects.filter(path__startswith=root.path))
        units = [u for u in units if (u.is_valid_on(as_of) if as_of else u.valid_until is None)]
        for period in PERIODS:
            got = figures(counted, units, period, as_of=as_of)
            for unit in units:
                expected = _brute_force(unit, period, as_of=as_of)
                assert (got[("conferences", unit.pk)], got[("conference-persons", unit.pk)]) == (
                    expected
                ), (unit.name, period.key, as_of)
                assert got[("village-teams", unit.pk)] == _teams(unit, period, as_of=as_of), (
                    unit.name,
                    period.key,
                    as_of,
                )


def _tree(shape: list[int]) -> list[Unit]:
    """A province-like root below the central unit, communes, and their villages."""
    central = Unit.objects.get(parent__isnull=True, valid_until__isnull=True)
    levels = {level.code: level for level in UnitLevel.objects.all()}
    kind = UnitKind.objects.get(code="party_committee")
    root = unit_create(
        actor=None, code="R", name="Gốc", level=levels["province"], kind=kind, parent=central
    )
    units = [root]
    for index, villages in enumerate(shape):
        commune = unit_create(
            actor=None,
            code=f"C{index}",
            name=f"Xã {index}",
            level=levels["commune"],
            kind=kind,
            parent=root,
        )
        units.append(commune)
        for number in range(villages):
            units.append(
                unit_create(
                    actor=None,
                    code=f"C{index}-V{number}",
                    name=f"Thôn {index}.{number}",
                    level=levels["village"],
                    kind=UnitKind.objects.get(code="village_team"),
                    parent=commune,
                )
            )
    return units


records = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 365), st.integers(1, 80), st.booleans()),
    min_size=1,
    max_size=25,
)


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shape=st.lists(st.integers(0, 3), min_size=3, max_size=5),
    before=records,
    after=records,
    change=st.sampled_from(["merge-new", "merge-into", "split"]),
)
def test_rollup_equals_brute_force_across_merges_and_splits(shape, before, after, change) -> None:
    with transaction.atomic():
        units = _tree(shape)

        def write(rows, *, on_or_after: dt.date | None) -> None:
            live = list(Unit.objects.filter(path__startswith=units[0].path))
            for pick, day_of_year, persons, by_sector in rows:
                day = dt.date(2024, 1, 1) + dt.timedelta(days=day_of_year - 1)
                if on_or_after is not None:
                    day = max(day, on_or_after)
                    candidates = [u for u in live if u.valid_until is None]
                else:
                    day = min(day, BEFORE)
                    candidates = live
                activity_create(
                    actor=None,
                    model=Conference,
                    unit=candidates[pick % len(candidates)],
                    date=day,
                    kind=ConferenceKind.PROPAGANDA,
                    title="Hội nghị",
                    persons=persons,
                    attendances=persons,
                    by_sector=by_sector,
                )

        write(before, on_or_after=None)
        communes = [u for u in units if u.level.code == "commune"]
        if change == "merge-new":
            units_merge(
                actor=None, units=communes[:2], on=CHANGE_DAY, new=NewUnit(code="M", name="Xã Mới")
            )
        elif change == "merge-into":
            units_merge(actor=None, units=communes[:2], on=CHANGE_DAY, into=communes[2])
        else:
            unit_split(
                actor=None,
                unit=communes[0],
                on=CHANGE_DAY,
                into=[NewUnit(code="S1", name="Xã Tách 1"), NewUnit(code="S2", name="Xã Tách 2")],
            )
        write(after, on_or_after=CHANGE_DAY)
        _check_everything()
        # the figures kept write by write are the ones a full recount gives
        kept = sorted(
            Cell.objects.values_list(
                "indicator_id", "unit_id", "period_start", "own", "then_total", "now_total"
            )
        )
        figures_rebuild()
        recounted = sorted(
            Cell.objects.values_list(
                "indicator_id", "unit_id", "period_start", "own", "then_total", "now_total"
            )
        )
        assert [row for row in kept if any(row[3:])] == [row for row in recounted if any(row[3:])]
        transaction.set_rollback(True)


def test_a_write_shows_in_the_very_next_read(world) -> None:
    persons = Indicator.objects.get(code="conference-persons")
    year = Period.year(2026)

    def province_total() -> int:
        return figures([persons], [world.province], year)[("conference-persons", world.province.pk)]

    start = province_total()
    conference = activity_create(
        actor=None,
        model=Conference,
        unit=world.teams[0],
        date=dt.date(2026, 3, 2),
        kind=ConferenceKind.TRAINING,
        title="Hội nghị thử",
        persons=40,
        attendances=55,
    )
    assert province_total() == start + 40
    activity_update(actor=None, activity=conference, persons=25)
    assert province_total() == start + 25
    activity_update(actor=None, activity=conference, date=dt.date(2025, 12, 31))
    assert province_total() == start
    activity_delete(actor=None, activity=conference)
    assert (
        figures([persons], [world.province], Period.year(2025))[
            ("conference-persons", world.province.pk)
        ]
        == 0
    )


def test_the_registry_counts_what_is_in_force_during_the_period(world) -> None:
    entry = entry_create(
        actor=None,
        name="Mô hình thử",
        kind=EntryKind.MODEL,
        unit=world.commune,
        commune=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
        start_date=dt.date(2024, 3, 1),
    )
    in_force = Indicator.objects.get(code="dvk-entries")

    def count(year: int) -> int:
        return figures([in_force], [world.province], Period.year(year))[
            ("dvk-entries", world.province.pk)
        ]

    assert (count(2023), count(2024)) == (0, 1)
    entry_transition(actor=None, entry=entry, to=Status.DISCONTINUED, on=dt.date(2026, 2, 1))
    assert count(2026) == 1  # in force for part of the year
    assert count(2027) == 0


def test_the_rebuild_command_recomputes_what_the_writes_kept(world) -> None:
    activity_create(
        actor=None,
        model=Conference,
        unit=world.commune,
        date=dt.date(2025, 9, 1),
        title="Hội nghị",
        kind=ConferenceKind.PROPAGANDA,
        persons=30,
        attendances=30,
    )
    kept = sorted(Cell.objects.values_list("indicator", "unit", "period_start", "now_total"))
    assert kept
    Cell.objects.all().delete()
    out = io.StringIO()
    call_command("figures", "rebuild", stdout=out)
    assert "Figures rebuilt" in out.getvalue()
    assert sorted(Cell.objects.values_list("indicator", "unit", "period_start", "now_total")) == (
        kept
    )


# --- random sequences of changes, every aggregation, brute force over parent and successor links

QUARTERS = [Period.quarter(2024, q) for q in range(1, 5)]
CHECKED_PERIODS = [
    Period.year(2024),
    *QUARTERS,
    *(Period.month(2024, m) for m in (3, 4, 9, 12)),
]
# The structures of the past the figures are read in: each day before a change, and today's.
AS_OF = [None, *(day - dt.timedelta(days=1) for day in CHANGE_DAYS)]
COUNTED = ["conferences", "conference-persons", "dvk-entries"]

# Per record: what it is, which unit in force it belongs to, when (a pick within its
# quarter), and its value.
phase_records = st.lists(
    st.tuples(
        st.sampled_from(["conference", "entry", "report", "discontinue"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.integers(1, 50),
    ),
    max_size=5,
)


def _entered_indicators() -> list[Indicator]:
    """One entered indicator for each way of adding up the code supports."""
    return [
        Indicator.objects.create(
            code=f"entered-{aggregation}",
            name=str(aggregation.label),
            measure="x",
            aggregation=aggregation,
        )
        for aggregation in Aggregation
    ]


def _report_period(quarter: Period, pick: int) -> Period:
    """A month of the quarter, the quarter itself or the year."""
    if pick % 3 == 0:
        return Period.month(2024, quarter.months[pick // 3 % 3].month)
    return quarter if pick % 3 == 1 else Period.year(2024)


def _records_write(rows, *, root: Unit, quarter: Period, entered: list[Indicator]) -> None:
    """Write the records of one quarter through the services, at units in force then."""
    live = [root, *units_in_force(root)]
    for kind, unit_pick, when, value in rows:
        unit = live[unit_pick % len(live)]
        day = quarter.start + dt.timedelta(days=when % 90)
        if kind == "conference":
            activity_create(
                actor=None,
                model=Conference,
                unit=unit,
                date=day,
                kind=ConferenceKind.PROPAGANDA,
                title="Hội nghị",
                persons=value,
                attendances=value,
            )
        elif kind == "entry":
            entry_create(
                actor=None,
                name="Mô hình thử",
                kind=EntryKind.MODEL,
                unit=unit,
                field=Field.objects.get(code="kinh-te"),
                period=MovementPeriod.objects.get(code="2021-2025"),
                start_date=day,
            )
        elif kind == "report":
            period = _report_period(quarter, when)
            # Latest and largest are levels: only monthly values say when they held.
            levels = (Aggregation.LATEST, Aggregation.MAX)
            values = {
                indicator.pk: value
                for indicator in entered
                if period.grain == Grain.MONTH or indicator.aggregation not in levels
            }
            report_save(actor=None, unit=unit, period=period, values=values)
        else:
            open_entries = Entry.objects.filter(
                unit__path__startswith=root.path, status=Status.REGISTERED, start_date__lte=day
            ).order_by("pk")
            if open_entries:
                entry = open_entries[unit_pick % len(open_entries)]
                entry_transition(actor=None, entry=entry, to=Status.DISCONTINUED, on=day)


@dataclass
class Raw:
    """The rows the figures come from, read once: (unit id, ...) per record."""

    conferences: list[tuple[int, dt.date, int]]
    entries: list[tuple[int, dt.date, dt.date | None]]
    reported: list[tuple[int, Period, str, int]]

    @classmethod
    def read(cls, structure: Structure) -> "Raw":
        entries = Entry.objects.filter(unit_id__in=structure.ids)
        values = ReportValue.objects.filter(report__unit_id__in=structure.ids)
        return cls(
            conferences=list(
                Conference.objects.filter(unit_id__in=structure.ids).values_list(
                    "unit_id", "date", "persons"
                )
            ),
            entries=[
                (e.unit_id, e.start_date or UNKNOWN_START, e.discontinued_on) for e in entries
            ],
            reported=[
                (v.report.unit_id, v.report.period, v.indicator.code, v.value)
                for v in values.select_related("report", "indicator")
            ],
        )


def _figures_by_brute_force(
    raw: Raw, structure: Structure, unit_id: int, period: Period, *, as_of: dt.date | None
) -> dict[str, int]:
    """Every figure of the unit for the period, from the raw rows: the records whose unit
    counts under it (then: by its parents; today: by its successors, then its parents)."""

    def under(record_unit: int) -> bool:
        line = structure.line_then(record_unit) if as_of else structure.line_now(record_unit)
        return unit_id in line

    persons = [
        n for unit, day, n in raw.conferences if under(unit) and period.start <= day <= period.end
    ]
    entries = [
        unit
        for unit, start, until in raw.entries
        if under(unit) and start <= period.end and (until is None or until >= period.start)
    ]
    result = {
        "conferences": len(persons),
        "conference-persons": sum(persons),
        "dvk-entries": len(entries),
    }
    for aggregation in Aggregation:
        rows = [
            (reported, value)
            for unit, reported, code, value in raw.reported
            if code == f"entered-{aggregation}" and under(unit) and reported.start <= period.end
        ]
        by_month: dict[dt.date, int] = defaultdict(int)
        for reported, value in rows:
            by_month[reported.start] += value
        if aggregation == Aggregation.SUM:
            figure = sum(v for p, v in rows if p.start >= period.start and p.end <= period.end)
        elif aggregation == Aggregation.BALANCE:
            figure = sum(v for _p, v in rows)
        elif aggregation == Aggregation.LATEST:
            figure = by_month[max(by_month)] if by_month else 0
        else:
            figure = max((v for m, v in by_month.items() if m >= period.start), default=0)
        result[f"entered-{aggregation}"] = figure
    return result


def _figures_all(
    indicators: list[Indicator], units: list[Unit], *, as_of: dt.date | None
) -> dict[tuple[str, int, str], int]:
    """(indicator code, unit id, period key) -> figure, as the selector answers."""
    found = {}
    for period in CHECKED_PERIODS:
        for (code, unit_id), value in figures(indicators, units, period, as_of=as_of).items():
            found[(code, unit_id, period.key)] = value
    return found


def _units_standing(root: Unit, *, as_of: dt.date | None) -> list[Unit]:
    units = Unit.objects.filter(path__startswith=root.path)
    return list(units.valid_on(as_of) if as_of else units.current())


settings_random_changes = settings(max_examples=15, deadline=None, derandomize=True)


@pytest.mark.django_db
@settings_random_changes
@given(shape=tree_shapes, steps=changes, quarters=st.lists(phase_records, min_size=4, max_size=4))
# Merged in after it reported, a commune's figures reached the other commune's line today, and
# the empty past rows this left made the latest value of that other commune read as 0.
@example(
    shape=[0, 0, 0],
    steps=[("merge-into", 1, 0)],
    quarters=[[("report", 1, 0, 3), ("report", 2, 3, 5)], [], [], []],
)
def test_every_aggregation_rolls_up_as_a_brute_force_sum_across_changes(
    shape, steps, quarters
) -> None:
    with transaction.atomic():
        root = tree_create(shape)[0]
        entered = _entered_indicators()
        indicators = [*Indicator.objects.filter(code__in=COUNTED), *entered]
        for quarter, rows in zip(QUARTERS, quarters, strict=True):
            change = quarter.start in CHANGE_DAYS and len(steps) > CHANGE_DAYS.index(quarter.start)
            if change:
                change_apply(steps[CHANGE_DAYS.index(quarter.start)], root=root, on=quarter.start)
            _records_write(rows, root=root, quarter=quarter, entered=entered)
        structure = Structure.read(root)
        raw = Raw.read(structure)
        for as_of in AS_OF:
            units = _units_standing(root, as_of=as_of)
            got = _figures_all(indicators, units, as_of=as_of)
            for unit in units:
                for period in CHECKED_PERIODS:
                    expected = _figures_by_brute_force(raw, structure, unit.pk, period, as_of=as_of)
                    for code, value in expected.items():
                        assert got[(code, unit.pk, period.key)] == value, (
                            code,
                            unit.name,
                            period.key,
                            as_of,
                        )
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings_random_changes
@given(shape=tree_shapes, steps=changes, rows=phase_records)
def test_merges_and_splits_conserve_totals_and_keep_history(shape, steps, rows) -> None:
    with transaction.atomic():
        root = tree_create(shape)[0]
        entered = _entered_indicators()
        indicators = [*Indicator.objects.filter(code__in=COUNTED), *entered]
        _records_write(rows, root=root, quarter=QUARTERS[0], entered=entered)
        entries = Entry.objects.filter(unit__path__startswith=root.path)
        entry_count = entries.count()
        # Before any change: the whole tree's totals today, and every unit's in each past.
        totals = _figures_all(indicators, [root], as_of=None)
        history = {
            as_of: _figures_all(indicators, _units_standing(root, as_of=as_of), as_of=as_of)
            for as_of in AS_OF[1:]
        }
        for step, day in zip(steps, CHANGE_DAYS, strict=False):
            change_apply(step, root=root, on=day)
            assert _figures_all(indicators, [root], as_of=None) == totals
            assert entries_within(entries, root).count() == entry_count
            for as_of, before in history.items():
                units = Unit.objects.filter(pk__in={unit_id for _c, unit_id, _p in before})
                assert _figures_all(indicators, list(units), as_of=as_of) == before, as_of
        transaction.set_rollback(True)
