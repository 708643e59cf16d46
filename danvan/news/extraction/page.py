"""From the text of a page to the article's parts: headline, time stamp, body paragraphs.

Page furniture goes (share buttons, "Xem với cỡ chữ", related articles and comments after
the body), and so do photo captions: those the site marks with a trailing "|" and those that
only repeat the lead.
"""

import datetime as dt
import re
from dataclasses import dataclass

from danvan.news.extraction.dates import TIME, find_dates
from danvan.news.extraction.lexicon import UPPER, clutter_key, lexicon
from danvan.news.extraction.normalize import fold

_SENTENCE_END = re.compile(r"[.!?…:;\"”')]\s*$")
_WEEKDAY = re.compile(
    r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|ngày|cập\s+nhật|đăng|lúc|gmt\S*)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# Share of a caption's words found in the lead from which the caption only repeats it.
CAPTION_OVERLAP = 0.7
_LONGEST_CLUTTER = 40  # characters: a longer line is never page furniture


@dataclass(frozen=True)
class Page:
    title: str | None
    published: dt.date | None
    paragraphs: list[str]  # the body, in order
    tail: list[str]  # short lines after the body: the byline, the source


def date_line(line: str) -> dt.date | None:
    """The date of a line that is only a time stamp ("Thứ Bảy 04/02/2023 13:10"), else None."""
    dates = [d for d in find_dates(line) if d.year]
    if len(dates) != 1 or len(line) > 80:
        return None
    rest = TIME.sub(" ", line[: dates[0].start] + " " + line[dates[0].end :])
    if len(_WORD.findall(_WEEKDAY.sub(" ", rest))) > 2:
        return None
    return dates[0].resolve(None)


def _is_caption_of(line: str, lead_words: set[str]) -> bool:
    words = set(_WORD.findall(fold(line)))
    return bool(words) and len(words & lead_words) >= CAPTION_OVERLAP * len(words)


def _strip_clutter(lines: list[str]) -> list[str]:
    words = lexicon()
    kept = []
    for line in lines:
        key = clutter_key(line) if len(line) <= _LONGEST_CLUTTER else "-"
        if key in words.clutter_end or any(
            key.startswith(end) and len(key) < len(end) + 3 for end in words.clutter_end
        ):
            break
        if key and key not in words.clutter_lines:
            kept.append(line)
    return kept


def read_page(text: str) -> Page:
    """Split a normalised article text (one paragraph a line) into its parts."""
    lines = _strip_clutter([" ".join(line.split()) for line in text.splitlines()])
    title_index: int | None = None
    published: dt.date | None = None
    body: list[str] = []
    for index, line in enumerate(lines):
        stamp = date_line(line)
        if stamp is not None:
            # A date above the headline without a time is the site's "today" widget.
            if not body and published is None and (title_index is not None or TIME.search(line)):
                published = stamp
            continue
        headline_like = len(line.split()) <= 40 and not re.search(r"[.!?…]\s*$", line)
        if title_index is None and not body and headline_like:
            title_index = index
            continue
        body.append(line)
    title = lines[title_index] if title_index is not None else None
    tail: list[str] = []
    while body and len(tail) < 2 and len(body[-1].split()) <= 12:
        if re.search(r"[.!?…]\s*$", body[-1]):
            break
        tail.insert(0, body.pop())
    lead = next((p for p in body if len(p.split()) >= 15), "")
    lead_words = set(_WORD.findall(fold(lead)))
    paragraphs = [
        p
        for p in body
        if not p.endswith("|")
        and not (p is not lead and not _SENTENCE_END.search(p) and _is_caption_of(p, lead_words))
    ]
    return Page(title=title, published=published, paragraphs=paragraphs, tail=tail)


# A sentence ends at ".", "!", "?" or "…" before a capital or an opening quote; not after an
# initial ("T. Thuận") or "TP." ("TP. Hồ Chí Minh").
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?…])(?<!\bTP\.)(?<![\s(][{UPPER}]\.)\s+(?=[\"“(]?[{UPPER}0-9])"
)


def sentences(paragraph: str) -> list[str]:
    return [part for part in _SENTENCE_BREAK.split(paragraph) if part]
