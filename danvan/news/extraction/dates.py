"""Dates as Vietnamese articles write them, and how a date without a year gets one.

"02/02/2023", "ngày 2/2", "Chiều 13/10", "14-10", "ngày 7 tháng 10 năm 2020"; ranges such as
"(15/10/1930 - 15/10/2023)" are anniversaries, not the day of an event.
"""

import datetime as dt
import re
from dataclasses import dataclass

_DAY = r"(?P<day>[0-3]?\d)"
_MONTH = r"(?P<month>[01]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# dd/mm[/yyyy] with "/" or "." ("07.10.2020"), or dd-mm[-yyyy]; not part of a longer number.
_NUMERIC = rf"(?<![\d/.-]){_DAY}(?P<sep>[/.-]){_MONTH}(?:(?P=sep){_YEAR})?(?![\d/]|\.\d|-\d)"
_WORDS = rf"ngày\s+{_DAY}\s+tháng\s+{_MONTH}(?:\s+năm\s+{_YEAR})?"
DATES = (re.compile(_NUMERIC), re.compile(_WORDS, re.IGNORECASE))
TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])\s*(?::|h)\s*[0-5]\d(?!\d)(?:\s*(?:GMT|\(GMT)\S*)?")
# Two dates joined by a dash or a star: an anniversary's range "15/10/1930 - 15/10/2023".
RANGE = re.compile(
    r"(?P<start>\d{1,2}/\d{1,2}/(?P<start_year>\d{4}))\s*[-*]\s*"
    r"(?P<end>\d{1,2}/\d{1,2}/(?P<end_year>\d{4}))"
)
YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*-\s*(?:19|20)\d\d(?!\d)")
# Words that make a bare "13/10" or "14-10" a date (the slash form is one without them).
_DIGIT = re.compile(r"\d")
_CUES = re.compile(
    r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|nay|qua)\s*\(?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def resolve(self, year: int | None) -> dt.date | None:
        """The full date, with the given year when the text gave none; None if impossible."""
        try:
            return dt.date(self.year or year or 0, self.month, self.day)
        except ValueError:
            return None


def _mention(match: re.Match[str], text: str) -> DateMention | None:
    parts = {name: value for name, value in match.groupdict().items() if value}
    day, month = int(parts["day"]), int(parts["month"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = int(parts["year"]) if "year" in parts else None
    # "14-10" or "7.10" is a date only after a cue ("Chiều 14-10"), not in "2-3 người".
    cued = _CUES.search(text[max(0, match.start() - 12) : match.start()])
    if year is None and parts.get("sep", "/") != "/" and not cued:
        return None
    return DateMention(match.start(), match.end(), day, month, year)


def find_dates(text: str) -> list[DateMention]:
    """Every date in the text, in order, with the ranges of anniversaries left out."""
    if not _DIGIT.search(text):
        return []
    ranges = [(m.start(), m.end()) for m in RANGE.finditer(text)]
    found = []
    matches = sorted(
        (m for pattern in DATES for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        if any(start <= match.start() < end for start, end in ranges):
            continue
        mention = _mention(match, text)
        if mention is not None:
            found.append(mention)
    return found


def resolve_year(
    mention: DateMention, *, stamp: dt.date | None, fallback: int | None
) -> int | None:
    """The year of a date given without one: the stamp's (the year before when the day falls
    after the stamp: an article of 3/1 reports "28/12" of the past year), else the fallback."""
    if mention.year:
        return mention.year
    if stamp is not None:
        return (
            stamp.year - 1
            if (mention.month, mention.day) > (stamp.month, stamp.day)
            else stamp.year
        )
    return fallback
