"""Whether a person may be proposed for an award on a day, and why, in words.

Pure logic on records already read (selectors.py reads them): a verdict is the rule in force,
the service that counts under it, and every reason for or against.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.awards.models import (
    Award,
    AwardType,
    Discipline,
    EligibilityRule,
    Gender,
    Person,
    ServicePeriod,
)
from danvan.common.dates import format_date
from danvan.common.numbers import format_number


@dataclass
class Verdict:
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    months_counted: int = 0
    months_required: int = 0
    held: bool = False  # already received, for an award given once per person

    @property
    def text(self) -> str:
        head = _("Eligible") if self.eligible else _("Not eligible")
        return f"{head}: {'; '.join(self.reasons)}" if self.reasons else head


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` up to and including `end` (1/1 to 31/1 is one month)."""
    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return max(months - (1 if after.day < start.day else 0), 0)


def duration(months: int) -> str:
    """ "21 năm 4 tháng", "5 năm", "8 tháng"."""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(n)s year", "%(n)s years", years) % {"n": years})
    if rest or not years:
        parts.append(ngettext("%(n)s month", "%(n)s months", rest) % {"n": rest})
    return " ".join(parts)


def _years(value: Decimal) -> str:
    whole = value == value.to_integral_value()
    return format_number(value, 0 if whole else 1)


def _spans(periods: Sequence[ServicePeriod], on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The days the periods cover up to `on`, as disjoint spans: overlapping and adjacent
    periods join, so service split across posts loses no month."""
    spans: list[tuple[dt.date, dt.date]] = []
    for period in sorted(periods, key=lambda p: p.start):
        start, end = period.start, min(period.end or on, on)
        if end < start:
            continue
        if spans and start <= spans[-1][1] + dt.timedelta(days=1):
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def service_months(periods: Sequence[ServicePeriod], *, on: dt.date, rule: EligibilityRule) -> int:
    """The months of service that count under the rule up to `on`: the days covered once,
    however the periods overlap, and the months in a listed remote area weighted
    `remote_area_factor` times."""
    counted = [p for p in periods if p.in_sector or not rule.sector_only]
    months = sum(months_between(a, b) for a, b in _spans(counted, on))
    remote = sum(months_between(a, b) for a, b in _spans([p for p in counted if p.remote_area], on))
    return int(months + remote * (rule.remote_area_factor - 1))


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28/2 for a 29/2 that has none)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def assess(
    person: Person,
    award_type: AwardType,
    *,
    on: dt.date,
    rule: EligibilityRule | None,
    periods: Sequence[ServicePeriod],
    awards: Sequence[Award],
    disciplines: Sequence[Discipline],
    higher_honour_ids: set[int],
) -> Verdict:
    """The verdict on `person` for `award_type` on `on`, every reason in words."""
    against: list[str] = []
    held = [a for a in awards if a.award_type_id == award_type.pk and a.revoked_on is None]
    if award_type.once_per_person and held:
        against.append(
            _("already received on %(day)s (decision %(number)s)")
            % {"day": format_date(held[0].decided_on), "number": held[0].decision_number}
        )
    if person.died_on is not None and not award_type.posthumous:
        against.append(_("it is not given posthumously"))
    if rule is None:
        against.append(
            _("no rule for %(category)s is in force on %(day)s")
            % {"category": person.category.name, "day": format_date(on)}
        )
        return Verdict(False, against, held=bool(award_type.once_per_person and held))
    if rule.discipline_years:
        since = _years_before(on, rule.discipline_years)
        recent = [d for d in disciplines if since < d.date <= on]
        if recent:
            against.append(
                _("disciplined (%(form)s) on %(day)s, within %(years)s years")
                % {
                    "form": recent[0].get_form_display().lower(),
                    "day": format_date(recent[0].date),
                    "years": rule.discipline_years,
                }
            )
    required = rule.years_required
    reductions = []
    if person.gender == Gender.FEMALE and rule.women_fewer_years:
        required -= rule.women_fewer_years
        reductions.append(
            _("women %(years)s years fewer") % {"years": _years(rule.women_fewer_years)}
        )
    honours = [
        a
        for a in awards
        if a.award_type_id in higher_honour_ids and a.revoked_on is None and a.decided_on <= on
    ]
    if honours and rule.higher_honour_fewer_years:
        required -= rule.higher_honour_fewer_years
        reductions.append(
            _("holder of %(honour)s: %(years)s years fewer")
            % {
                "honour": honours[0].award_type.name,
                "years": _years(rule.higher_honour_fewer_years),
            }
        )
    months_required = max(int(required * 12), 0)
    months = service_months(periods, on=on, rule=rule)
    where = _("in the sector") if rule.sector_only else _("in all posts")
    notes = reductions
    counted_remote = [p for p in periods if p.remote_area and (p.in_sector or not rule.sector_only)]
    if counted_remote and rule.remote_area_factor != 1:
        notes.append(
            _("a year in a listed remote area counts as %(factor)s years")
            % {"factor": format_number(rule.remote_area_factor, 2).rstrip("0").rstrip(",")}
        )
    service = _("%(service)s of service %(where)s, %(required)s required") % {
        "service": duration(months),
        "where": where,
        "required": duration(months_required),
    }
    if notes:
        service += f" ({'; '.join(notes)})"
    if months < months_required:
        against.append(_("only %(service)s") % {"service": service})
    if against:
        return Verdict(
            False, against, months, months_required, held=bool(award_type.once_per_person and held)
        )
    return Verdict(True, [service], months, months_required)
