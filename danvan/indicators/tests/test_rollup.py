"""The roll-up equals a brute-force sum over the records, on random trees, across merges and
splits, under today's structure and a past one; and a write shows in the very next read."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.activities.models import Conference, ConferenceKind
from danvan.activities.services import activity_create, activity_delete, activity_update
from danvan.indicators.models import Cell, Indicator
from danvan.indicators.periods import Period
from danvan.indicators.selectors import figures
from danvan.indicators.services import figures_rebuild
from danvan.registry.models import EntryKind, Field, MovementPeriod, Status
from danvan.registry.services import entry_create, entry_transition
from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.services import NewUnit, unit_create, unit_split, units_merge

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
