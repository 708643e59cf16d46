"""Persons and their titles, and the article's authors.

A person's name is a run of two to four capitalised syllables that starts with a family name
("Nguyễn Thị Thanh Huyền"). It counts as a person of the article when the text marks it as
one: "đồng chí", "ông", "bà" before it, or a title right before or after it:

    Đồng chí Nguyễn Văn A, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy chủ trì
    Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban MTTQ tỉnh Trần Thị B phát biểu

A title opens with a position word (data/titles.txt) and runs on through capitalised words,
abbreviations, quoted names and the organisation words of data/org_words.txt.
"""

import re
from dataclasses import dataclass, field

from danvan.news.extraction.lexicon import LOWER, UPPER, lexicon
from danvan.news.extraction.normalize import fold

_LETTER = f"[{UPPER}{LOWER}]"
_TITLE_WORD = rf"[{UPPER}][{LOWER}]*(?!{_LETTER})"
_CAPITALISED_RUN = re.compile(rf"(?<!{_LETTER}){_TITLE_WORD}(?:\s+{_TITLE_WORD})+")
_WORD_AT = re.compile(rf"\s*(?:[{UPPER}][{UPPER}{LOWER}\d]*|“[^”]{{1,80}}”|\"[^\"]{{1,80}}\")")
_CUE = re.compile(r"(?:đồng\s+chí|đ/c|ông|bà)\s*:?\s*$", re.IGNORECASE)
_TRAILING_JOINERS = re.compile(r"(?:\s+(?:và|của|kiêm))+$")
_AFTER_NAME = re.compile(r"\s*(?:,|-|\(|:)\s*")
_BETWEEN_TITLES = re.compile(r"\s*,\s*(?:kiêm\s+)?")
_LIST_JOIN = re.compile(r"\s*(?:,|và)\s*")


@dataclass
class Person:
    name: str
    titles: list[str] = field(default_factory=list)


def name_at(text: str, position: int) -> int | None:
    """The end of a person's name that starts at this position, or None."""
    words = lexicon()
    if words.not_names.match(text, position) or words.provinces.match(text, position):
        return None
    run = _CAPITALISED_RUN.match(text, position)
    if run is None:
        return None
    parts = run.group().split()
    if parts[0] not in words.surnames:
        return None
    return position + len(" ".join(parts[:4]))  # lines are single-spaced


def title_end(text: str, position: int) -> int | None:
    """The end of the title that starts at this position (trailing joiners dropped), or None."""
    words = lexicon()
    opening = words.title_starts.match(text, position)
    if opening is None:
        return None
    end = opening.end()
    while True:
        start = end + len(text[end:]) - len(text[end:].lstrip(" "))
        if start >= len(text) or name_at(text, start) is not None:
            break
        # The longer of an organisation phrase ("Dân vận") and a capitalised word or quote.
        pieces = [
            m.end() for m in (words.org_words.match(text, start), _WORD_AT.match(text, end)) if m
        ]
        if not pieces:
            break
        end = max(pieces)
    trimmed = _TRAILING_JOINERS.sub("", text[position:end])
    return position + len(trimmed)


def titles_after(text: str, position: int) -> list[str]:
    """Titles that follow a name: ", Ủy viên …, Trưởng Ban …" or " - …" or " (…"."""
    titles: list[str] = []
    separator = _AFTER_NAME.match(text, position)
    while separator is not None:
        end = title_end(text, separator.end())
        if end is None:
            break
        titles.append(text[separator.end() : end])
        separator = _BETWEEN_TITLES.match(text, end)
    return titles


def titles_before(before: str) -> list[str]:
    """Titles written right before a name: "Trưởng Ban …, Chủ tịch … <name>"."""
    titles: list[str] = []
    segments = before.split(",")
    for segment in reversed(segments):
        segment = segment.rstrip()
        start = next(
            (
                opening.start()
                for opening in lexicon().title_starts.finditer(segment)
                if title_end(segment, opening.start()) == len(segment)
            ),
            None,
        )
        if start is None:
            break
        titles.insert(0, segment[start:])
        if segment[:start].strip():  # words before the title: the chain of titles starts here
            break
    return titles


_CLAUSE_START = re.compile(r"[.;:!?]\s")


def find_people(sentences: list[str]) -> list[Person]:
    """The persons the sentences name, each once (by folded name), with all their titles."""
    people: dict[str, Person] = {}
    for sentence in sentences:
        last_end: int | None = None
        for run in _CAPITALISED_RUN.finditer(sentence):
            start, end = _name_in_run(sentence, run)
            if start is None or end is None:
                continue
            clause = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, start)), default=0)
            before = sentence[clause:start]
            titles = [*titles_before(before), *titles_after(sentence, end)]
            listed = last_end is not None and _LIST_JOIN.fullmatch(sentence[last_end:start])
            if not titles and not _CUE.search(before) and not listed:
                continue
            last_end = end
            name = sentence[start:end]
            person = people.setdefault(fold(name), Person(name))
            for title in titles:
                _add_title(person, title)
    return list(people.values())


def _add_title(person: Person, title: str) -> None:
    """Keep the fullest form of a title met more than once ("Phó Bí thư Thường trực Tỉnh ủy")."""
    key = fold(title)
    for index, known in enumerate(person.titles):
        if key in fold(known):
            return
        if fold(known) in key:
            person.titles[index] = title
            return
    person.titles.append(title)


def _name_in_run(sentence: str, run: re.Match[str]) -> tuple[int | None, int | None]:
    """Where a name starts and ends inside a run of capitalised words ("Việt Nam tỉnh Võ …")."""
    for word in re.finditer(r"\S+", run.group()):
        position = run.start() + word.start()
        end = name_at(sentence, position)
        if end is not None:
            return position, end
    return None, None


# --- Authors: the byline after the body ("Tin, ảnh: T. Thuận", "Nguyễn Thị A - Ban …") ---

_BYLINE_PREFIX = re.compile(
    r"^(?:(?:tin|bài|ảnh|clip|video|nhóm pv|pv)(?:\s*(?:,|và|&|\+|-)\s*(?:tin|bài|ảnh|clip))*"
    r"\s*:\s*)",
    re.IGNORECASE,
)
_AUTHOR = re.compile(
    rf"^(?:[{UPPER}]\.\s*)?[{UPPER}][{UPPER}{LOWER}]*(?:\s+[{UPPER}][{UPPER}{LOWER}]*){{0,3}}$"
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:/|\(|\)|,|\s-\s|\s+và\s+)\s*")


def find_authors(tail: list[str]) -> list[str]:
    """The authors named in the lines after the body; a source ("Theo …") is not an author."""
    authors: list[str] = []
    for line in tail:
        if line.lower().startswith("theo "):
            continue
        text = _BYLINE_PREFIX.sub("", line.strip())
        for part in _AUTHOR_SPLIT.split(text):
            words = part.split()
            has_initial = bool(re.match(r"^\w\.", part))
            if not _AUTHOR.match(part) or (len(words) < 2 and not has_initial):
                continue
            if lexicon().provinces.fullmatch(part) or len(words) > 4:
                continue
            if part not in authors:
                authors.append(part)
    return authors
