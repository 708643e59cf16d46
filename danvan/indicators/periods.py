"""Reporting periods: a month, a quarter or a year, named by its grain and first day."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Grain(models.TextChoices):
    MONTH = "month", gettext_lazy("Month")
    QUARTER = "quarter", gettext_lazy("Quarter")
    YEAR = "year", gettext_lazy("Year")


GRAIN_MONTHS = {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.YEAR: 12}
UNKNOWN_START = dt.date(1900, 1, 1)  # where records without a date count (always before)


def month_start(day: dt.date | None) -> dt.date:
    return UNKNOWN_START if day is None else day.replace(day=1)


@dataclass(frozen=True)
class Period:
    grain: Grain
    start: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(Grain.YEAR, dt.date(year, 1, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        return cls(Grain.QUARTER, dt.date(year, 3 * quarter - 2, 1))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(Grain.MONTH, dt.date(year, month, 1))

    @classmethod
    def of(cls, grain: str, start: dt.date) -> "Period":
        """The period of that grain containing `start`."""
        grain = Grain(grain)
        first_month = (start.month - 1) // GRAIN_MONTHS[grain] * GRAIN_MONTHS[grain] + 1
        return cls(grain, dt.date(start.year, first_month, 1))

    @property
    def months(self) -> list[dt.date]:
        return [
            dt.date(self.start.year, self.start.month + i, 1)
            for i in range(GRAIN_MONTHS[self.grain])
        ]

    @property
    def last_month(self) -> dt.date:
        return self.months[-1]

    @property
    def end(self) -> dt.date:
        last = self.last_month
        following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def inner_grains(self) -> list[str]:
        """Grains whose values lie inside this period and so add up into it."""
        rank = GRAIN_MONTHS[self.grain]
        return [grain for grain, months in GRAIN_MONTHS.items() if months <= rank]

    def shifted_years(self, years: int) -> "Period":
        return Period(self.grain, self.start.replace(year=self.start.year + years))

    def previous(self) -> "Period":
        months = GRAIN_MONTHS[self.grain]
        index = self.start.year * 12 + self.start.month - 1 - months
        return Period(self.grain, dt.date(index // 12, index % 12 + 1, 1))

    def __str__(self) -> str:
        if self.grain == Grain.YEAR:
            return _("Year %(year)s") % {"year": self.start.year}
        if self.grain == Grain.QUARTER:
            return _("Quarter %(quarter)s/%(year)s") % {
                "quarter": (self.start.month + 2) // 3,
                "year": self.start.year,
            }
        return _("Month %(month)s/%(year)s") % {
            "month": f"{self.start.month:02d}",
            "year": self.start.year,
        }

    @property
    def key(self) -> str:
        """How a period travels in URLs: 2022, 2022-Q3, 2022-07."""
        if self.grain == Grain.YEAR:
            return str(self.start.year)
        if self.grain == Grain.QUARTER:
            return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        return f"{self.start.year}-{self.start.month:02d}"

    @classmethod
    def parse(cls, key: str) -> "Period":
        """2022, 2022-Q3 or 2022-07; ValueError otherwise."""
        key = key.strip().upper()
        try:
            if "-Q" in key:
                year, quarter = key.split("-Q")
                if not 1 <= int(quarter) <= 4:
                    raise ValueError
                return cls.quarter(int(year), int(quarter))
            if "-" in key:
                year, month = key.split("-")
                return cls.month(int(year), int(month))
            return cls.year(int(key))
        except ValueError:
            raise ValueError(f"not a period (2022, 2022-Q3, 2022-07): {key!r}") from None
