"""The word lists the rules use: the data files beside this module and the official provinces.

Everything is read once, on first use, from files the project ships: nothing is downloaded.
The 34 provinces in force from 1/7/2025 come from the `vietnam-provinces` package (as in
`danvan.units.official_data`), the 63 before the reform from `data/provinces_before_2025.txt`.
"""

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from danvan.news.extraction.normalize import fold, normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
_CITY_PREFIX = re.compile(r"^(?:Thành phố|Tỉnh)\s+", re.IGNORECASE)

# Letters of Vietnamese written in Latin script, by case (the rules' regexes need them:
# Python's `re` has no \p{Lu}).
_LATIN = [chr(code) for code in (*range(0x41, 0x250), *range(0x1E00, 0x1F00))]
UPPER = "".join(ch for ch in _LATIN if ch.isalpha() and ch.isupper())
LOWER = "".join(ch for ch in _LATIN if ch.isalpha() and ch.islower())


def read_list(name: str) -> list[str]:
    """The entries of a data file: one a line, normalised; blank lines and # comments skipped."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    lines = (normalize(line.strip()) for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def alternation(words: list[str]) -> str:
    """A regex group matching any of the words, longest first, spaces as any white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered) + ")"


def current_provinces() -> list[str]:
    """Short names of the 34 provinces and cities from `vietnam-provinces` ("Cần Thơ")."""
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package 'vietnam-provinces' (a core dependency) is missing")
    folder = Path(next(iter(spec.submodule_search_locations)))
    nested = json.loads((folder / "data" / "nested-divisions.json").read_text("utf-8"))
    return [_CITY_PREFIX.sub("", normalize(province["name"])) for province in nested]


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    not_names: re.Pattern[str]  # at a position: a capitalised phrase that names no person
    title_starts: re.Pattern[str]  # at a position: a word that opens a title
    org_words: re.Pattern[str]  # at a position: a lower-case word that continues a title
    provinces: re.Pattern[str]  # a province's name or alias (check the letter before it)
    province_names: dict[str, str]  # folded name or alias -> short official name
    clutter_lines: frozenset[str]
    clutter_end: frozenset[str]


def clutter_key(line: str) -> str:
    """How clutter lines compare: folded, letters and digits only ("emailprintaa")."""
    return re.sub(r"[\W_]+", "", fold(line))


@cache
def lexicon() -> Lexicon:
    current = current_provinces()
    before = read_list("provinces_before_2025.txt")
    aliases: dict[str, str] = {}
    for line in read_list("province_aliases.txt"):
        alias, name = line.split("=", 1)
        aliases[alias.strip()] = name.strip()
    needs_prefix = set(read_list("province_needs_prefix.txt"))
    names = {name: name for name in [*current, *before] if name not in needs_prefix}
    names.update(aliases)
    spellings = list(names)
    for name in spellings:  # "Bà Rịa - Vũng Tàu" is also written "Bà Rịa-Vũng Tàu"
        if " - " in name:
            names[name.replace(" - ", "-")] = names[name]
    return Lexicon(
        surnames=frozenset(read_list("surnames.txt")),
        not_names=re.compile(alternation(read_list("not_names.txt"))),
        title_starts=re.compile(rf"(?:nguyên\s+)?{alternation(read_list('titles.txt'))}\b", re.I),
        org_words=re.compile(
            rf"{alternation(read_list('org_words.txt'))}(?![{LOWER}{UPPER}])", re.IGNORECASE
        ),
        # No assertion before the names: the regex then skips fast to their first letters.
        provinces=re.compile(rf"{alternation(list(names))}(?![{LOWER}])"),
        province_names={fold(spelling): name for spelling, name in names.items()},
        clutter_lines=frozenset(clutter_key(line) for line in read_list("clutter_lines.txt")),
        clutter_end=frozenset(clutter_key(line) for line in read_list("clutter_end.txt")),
    )
