"""Deadlines counted in working hours on the Vietnamese calendar.

The working periods of each weekday and the public holidays are rows (WorkingPeriod,
Holiday); `WorkingCalendar` holds them in memory so that the arithmetic is plain Python.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from danvan.voice.models import Holiday, WorkingPeriod


@dataclass(frozen=True)
class WorkingCalendar:
    # weekday (0 = Monday) -> [(start, end)] in order
    periods: dict[int, list[tuple[dt.time, dt.time]]]
    holidays: frozenset[dt.date] = field(default_factory=frozenset)

    def spans(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        """The working spans of a day: none on a holiday or a day off."""
        if day in self.holidays:
            return []
        return self.periods.get(day.weekday(), [])


def calendar_load() -> WorkingCalendar:
    periods: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for period in WorkingPeriod.objects.order_by("weekday", "start"):
        periods.setdefault(period.weekday, []).append((period.start, period.end))
    holidays = frozenset(Holiday.objects.values_list("date", flat=True))
    return WorkingCalendar(periods=periods, holidays=holidays)


MAX_DAYS = 3660  # a calendar with no working time at all must not loop for ever


def add_working_hours(calendar: WorkingCalendar, start: dt.datetime, hours: float) -> dt.datetime:
    """The moment `hours` working hours after `start` (an aware datetime), in local time.

    Time outside the working spans does not count: a petition received on Friday at 16:00
    with 8 hours to go is due on Monday at 16:30 (1 hour on Friday, 4 + 3 on Monday).
    """
    if not any(calendar.periods.values()):
        raise ValueError("The working calendar has no working periods.")
    local = timezone.localtime(start)
    tz = local.tzinfo
    left = dt.timedelta(hours=hours)
    day = local.date()
    for _ in range(MAX_DAYS):
        for span_start, span_end in calendar.spans(day):
            begin = dt.datetime.combine(day, span_start, tzinfo=tz)
            end = dt.datetime.combine(day, span_end, tzinfo=tz)
            begin = max(begin, local)
            if begin >= end:
                continue
            if left <= end - begin:
                return begin + left
            left -= end - begin
        day += dt.timedelta(days=1)
    raise ValueError("No working time within ten years.")


def working_hours_between(calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime) -> float:
    """Working hours from `start` to `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_hours_between(calendar, end, start)
    first, last = timezone.localtime(start), timezone.localtime(end)
    tz = first.tzinfo
    total = dt.timedelta()
    day = first.date()
    while day <= last.date():
        for span_start, span_end in calendar.spans(day):
            begin = max(dt.datetime.combine(day, span_start, tzinfo=tz), first)
            finish = min(dt.datetime.combine(day, span_end, tzinfo=tz), last)
            if finish > begin:
                total += finish - begin
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600
