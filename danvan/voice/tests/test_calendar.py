"""Deadlines in working hours across lunch, nights, weekends and holidays (DOMAIN.md: the
receiving body acknowledges within 8 working hours, urgent items are handled within 4)."""

import datetime as dt

import pytest

from danvan.voice.calendar import (
    WorkingCalendar,
    add_working_hours,
    calendar_load,
    working_hours_between,
)
from danvan.voice.models import Holiday, Severity
from danvan.voice.services import deadlines
from danvan.voice.tests.conftest import local

T = dt.time
OFFICE = {day: [(T(7, 30), T(11, 30)), (T(13, 30), T(17, 0))] for day in range(5)}
PLAIN = WorkingCalendar(periods=OFFICE)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (local(2026, 11, 3, 8, 0), 2, local(2026, 11, 3, 10, 0)),  # within the morning
        (local(2026, 11, 3, 10, 30), 2, local(2026, 11, 3, 14, 30)),  # across lunch
        (local(2026, 11, 3, 12, 0), 1, local(2026, 11, 3, 14, 30)),  # received at lunch
        (local(2026, 11, 3, 11, 30), 1, local(2026, 11, 3, 14, 30)),  # at the very end
        (local(2026, 11, 4, 20, 0), 4, local(2026, 11, 5, 11, 30)),  # received at night
        (local(2026, 11, 6, 16, 0), 8, local(2026, 11, 9, 16, 30)),  # Friday to Monday
        (local(2026, 11, 7, 10, 0), 8, local(2026, 11, 10, 8, 0)),  # received on Saturday
        (local(2026, 11, 3, 7, 30), 7.5, local(2026, 11, 3, 17, 0)),  # a whole day
    ],
)
def test_working_hours_skip_lunch_nights_and_weekends(
    start: dt.datetime, hours: float, due: dt.datetime
) -> None:
    assert add_working_hours(PLAIN, start, hours) == due
    assert working_hours_between(PLAIN, start, due) == pytest.approx(hours)


def test_holidays_count_as_days_off() -> None:
    calendar = WorkingCalendar(
        periods=OFFICE, holidays=frozenset({dt.date(2026, 4, 30), dt.date(2026, 5, 1)})
    )
    # Wednesday 29/4 at 16:00: one hour that day, then 30/4, 1/5 and the weekend off.
    assert add_working_hours(calendar, local(2026, 4, 29, 16, 0), 8) == local(2026, 5, 4, 16, 30)


def test_the_calendar_without_working_time_is_refused() -> None:
    with pytest.raises(ValueError, match="no working periods"):
        add_working_hours(WorkingCalendar(periods={}), local(2026, 1, 5, 8, 0), 1)


def test_the_calendar_rows_hold_the_lunar_holidays(db: None) -> None:
    """Tết Bính Ngọ (17/2/2026) and Giỗ Tổ (26/4/2026) are rows, with 30/4, 1/5 and 2/9."""
    days = set(Holiday.objects.values_list("date", flat=True))
    assert {dt.date(2026, 2, 16), dt.date(2026, 2, 17), dt.date(2026, 2, 20)} <= days
    assert {dt.date(2026, 4, 26), dt.date(2026, 4, 30), dt.date(2026, 5, 1)} <= days
    assert {dt.date(2026, 9, 2), dt.date(2027, 2, 6), dt.date(2030, 4, 12)} <= days
    calendar = calendar_load()
    # Friday 13/2/2026 at 16:00, before the Tết week: next working hours are on 23/2.
    assert add_working_hours(calendar, local(2026, 2, 13, 16, 0), 8) == local(2026, 2, 23, 16, 30)


def test_a_holiday_added_as_a_row_moves_the_deadline(db: None) -> None:
    start = local(2026, 11, 6, 16, 0)
    assert add_working_hours(calendar_load(), start, 8) == local(2026, 11, 9, 16, 30)
    Holiday.objects.create(date=dt.date(2026, 11, 9), name="Nghỉ bù (thử)")
    assert add_working_hours(calendar_load(), start, 8) == local(2026, 11, 10, 16, 30)


def test_deadlines_per_severity(db: None) -> None:
    received = local(2026, 11, 6, 16, 0)  # a Friday afternoon
    acknowledge, handle = deadlines(severity=Severity.URGENT, received_at=received)
    assert acknowledge == handle == local(2026, 11, 9, 10, 30)  # 1 h Friday, 3 h Monday
    acknowledge, handle = deadlines(severity=Severity.NORMAL, received_at=received)
    assert acknowledge == local(2026, 11, 9, 16, 30)
    assert working_hours_between(calendar_load(), received, handle) == pytest.approx(80)
