"""Anniversaries, provinces and cited documents."""

import re
from dataclasses import dataclass

from danvan.news.extraction.lexicon import lexicon
from danvan.news.extraction.normalize import fold

# The Party's tradition day of mass-mobilization work, and the national "Ngày Dân vận".
PARTY_TRADITION_START = 1930
NATIONAL_DAY_START = 1999

_YEARS = re.compile(r"(?<![\d.,/])(?P<years>\d{1,3})\s+năm\b(?!\s+(?:19|20)\d\d)")
_RANGE = re.compile(
    r"^[^()]{0,100}?\(\s*(?:\d{1,2}/\d{1,2}/)?(?P<start>\d{4})\s*[-*]\s*"
    r"(?:\d{1,2}/\d{1,2}/)?(?P<end>\d{4})\s*\)"
)
_NOT_WORD = re.compile(r"[^\w\s]+")


@dataclass(frozen=True)
class Anniversary:
    years: int
    start_year: int | None
    year: int | None


def _plain(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def _start_year(years: int, before: str, after: str) -> int | None:
    """The founding year an "N năm" phrase implies, from the words around it; None if it
    marks no anniversary of 15/10."""
    after_words = _plain(after)
    before_words = _plain(before)
    if re.match(r"(?:ngay )?dan van\b", after_words):
        return NATIONAL_DAY_START if years <= 60 else None
    tradition_after = re.match(
        r"(?:\w+ ){0,2}truyen thong\b", after_words
    ) or after_words.startswith("cong tac dan van")
    tradition_before = after_words.startswith("qua") and "truyen thong" in before_words
    mentions_dan_van = "dan van" in after_words[:90] or "dan van" in before_words
    if (tradition_after or tradition_before) and mentions_dan_van and 50 <= years <= 150:
        return PARTY_TRADITION_START
    return None


def find_anniversaries(text: str, *, year_hint: int | None) -> list[Anniversary]:
    """Each "N năm" anniversary, once: the 15/10 traditions (1930, 1999) from their wording,
    any other from its range "(1945 - 2025)", or from "kỷ niệm N năm … thành lập" and the
    article's year."""
    found: dict[tuple[int, int | None], Anniversary] = {}
    for match in _YEARS.finditer(text):
        years = int(match.group("years"))
        before, after = text[max(0, match.start() - 90) : match.start()], text[match.end() :]
        span = _RANGE.match(after)
        if span and not _YEARS.search(after[: span.start("start")]):
            start, end = int(span.group("start")), int(span.group("end"))
            if end - start == years:
                found.setdefault((years, end), Anniversary(years, start, end))
                continue
        start_year = _start_year(years, before, after[:120])
        if start_year is not None:
            anniversary = Anniversary(years, start_year, start_year + years)
        elif year_hint and re.search(r"kỷ niệm\s*$", before) and "thành lập" in after[:60]:
            anniversary = Anniversary(years, year_hint - years, year_hint)
        else:
            continue
        found.setdefault((anniversary.years, anniversary.year), anniversary)
    return list(found.values())


def marks_dan_van_day(anniversaries: list[Anniversary]) -> bool:
    """Whether one of the anniversaries is of 15/10 (1930 or 1999)."""
    return any(a.start_year in (PARTY_TRADITION_START, NATIONAL_DAY_START) for a in anniversaries)


# "32-CT/TU", "25-NQ/TW", "1207/QĐ-UBND", "202/2025/QH15", "11-QĐi/TW": a number, maybe a
# year, then upper-case groups joined by "-" or "/", with at least one "/".
DOCUMENT = re.compile(
    r"(?<![\w/-])\d{1,5}(?:/\d{4})?[-/][A-ZĐ]{2,}[a-z]?\d*(?:[-/][A-ZĐ]{2,}[a-z]?\d*)*(?![\w/])"
)


def find_documents(text: str) -> list[str]:
    codes: list[str] = []
    for match in DOCUMENT.finditer(text):
        code = match.group()
        if "/" in code and code not in codes:
            codes.append(code)
    return codes


def find_provinces(text: str) -> list[str]:
    """The provinces named, each once, as their short official name, in order."""
    words = lexicon()
    names: list[str] = []
    for match in words.provinces.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue  # inside a longer word
        name = words.province_names[fold(match.group())]
        if name not in names:
            names.append(name)
    return names
