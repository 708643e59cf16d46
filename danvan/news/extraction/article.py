"""One article in, its facts out, in the schema of the news corpus (see `extract_article`)."""

import datetime as dt
from pathlib import Path
from typing import Any

from danvan.news.extraction.counts import find_awards, find_statistics
from danvan.news.extraction.dates import resolve_year
from danvan.news.extraction.event import find_event
from danvan.news.extraction.facts import (
    find_anniversaries,
    find_documents,
    find_provinces,
    marks_dan_van_day,
)
from danvan.news.extraction.html import html_to_text, looks_like_html
from danvan.news.extraction.normalize import fold, normalize
from danvan.news.extraction.page import read_page, sentences
from danvan.news.extraction.people import find_authors, find_people

Facts = dict[str, Any]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _without(text: str, names: list[str]) -> str:
    """The text with persons' names blanked out, so "Nguyễn Hòa Bình" names no province."""
    for name in names:
        text = text.replace(name, " " * len(name))
    return text


def extract_article(text: str, source: str) -> Facts:
    """The facts of one article (plain text, one paragraph a line, or an HTML page)."""
    if looks_like_html(text):
        text = html_to_text(text)
    page = read_page(normalize(text))
    title = page.title or ""
    # An upper-case headline is read in title case, so its names match the word lists.
    readable_title = title.title() if title.isupper() else title
    paragraphs = [sentences(paragraph) for paragraph in page.paragraphs]
    body = [sentence for paragraph in paragraphs for sentence in paragraph]

    authors = find_authors(page.tail)
    author_keys = {fold(author) for author in authors}
    people = [
        person
        for person in find_people([readable_title, *body])
        if fold(person.name) not in author_keys
    ]
    names = [person.name for person in people]

    event = find_event(paragraphs, readable_title or None)
    stamp = page.published
    event_year = event.date.year if event and event.date else None
    full_text = "\n".join([readable_title, *page.paragraphs])
    provinces = find_provinces(_without(full_text, names))
    anniversaries = find_anniversaries(
        full_text, year_hint=event_year or (stamp.year if stamp else None)
    )
    event_facts: Facts | None = None
    if event is not None:
        anniversary_year = next((a.year for a in anniversaries if a.year), None)
        if event.date is not None:
            date = event.date.resolve(
                resolve_year(event.date, stamp=stamp, fallback=anniversary_year)
            )
        else:
            date = stamp if event.today else None
        places = find_provinces(_without(event.text, names))
        if not places and ":" in readable_title:
            places = find_provinces(readable_title.split(":", 1)[0])
        if not places and len(provinces) == 1:
            places = provinces  # the only province the article names
        event_facts = {
            "date": _iso(date),
            "kind": event.kind,
            "anniversary": marks_dan_van_day(anniversaries),
            "organizer": event.organizer,
            "place": places[0] if places else None,
        }

    return {
        "source": source,
        "published": _iso(stamp),
        "event": event_facts,
        "people": [{"name": p.name, "titles": p.titles} for p in people],
        "authors": authors,
        "anniversaries": [
            {"years": a.years, "start_year": a.start_year, "year": a.year} for a in anniversaries
        ],
        "awards": [
            {"award": a.award, "recipient": a.recipient, "count": a.count}
            for a in find_awards(body)
        ],
        "statistics": [{"value": s.value, "noun": s.noun} for s in find_statistics(body)],
        "places": provinces,
        "documents": find_documents(full_text),
    }


def extract_file(path: Path) -> Facts:
    """The facts of an article file (UTF-8 text or HTML); `source` is the file's name."""
    return extract_article(path.read_text(encoding="utf-8", errors="replace"), path.name)
