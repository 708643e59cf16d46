"""Reads of news articles, always through the user's scope, and the look-ups the review needs
(the province an article names, the registry's people of a name, the indicator of a fact)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped
from danvan.activities.models import Conference, Document
from danvan.awards.models import Person
from danvan.capability.declaration import Pending
from danvan.common.text import fold, query_words, search_words
from danvan.indicators.models import Indicator, PeriodReport
from danvan.news.models import (
    Article,
    ArticleRecord,
    ArticleStatus,
    FactKind,
    IndicatorMatch,
    RecordKind,
)
from danvan.units.models import Unit
from danvan.units.selectors import units_matching

UNIT_TYPE_WORDS = ("tinh ", "thanh pho ")
SECTOR_WORDS = ("ban dan van", "ban tuyen giao va dan van")
# Conferences held early in a year review the year before: their figures describe it.
REVIEWS_OF_LAST_YEAR = {"hoi_nghi_trien_khai", "hoi_nghi_so_ket_tong_ket"}


def articles_visible(user: AnyUser) -> QuerySet[Article]:
    return scoped(user, Article.objects.all()).select_related("unit", "uploaded_by")


def article_get(user: AnyUser, *, pk: int) -> Article:
    found = (
        scoped(user, Article.objects.select_related("unit", "facts", "reviewed_by"))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def articles_matching(queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """Articles with a word starting with each word of `text`, diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def province_named(name: str, *, on: dt.date) -> Unit | None:
    """The province or centrally-run city of that short name ("Hà Tĩnh", "Cần Thơ") as it
    stood on the date, else the latest of that name."""
    wanted = fold(name)
    candidates = units_matching(Unit.objects.filter(level__code="province"), name).order_by(
        "-valid_from"
    )
    named = [
        unit
        for unit in candidates
        if any(fold(unit.name) == words + wanted for words in UNIT_TYPE_WORDS)
        or fold(unit.name) == wanted
    ]
    for unit in named:
        if unit.is_valid_on(on):
            return unit
    return named[0] if named else None


def people_named(name: str, *, unit: Unit) -> list[Person]:
    """People of the registry under the unit (today's structure) with that name, diacritics
    ignored: the candidates for a person an article names."""
    wanted = fold(name)
    queryset = Person.objects.filter(
        merged_into__isnull=True, unit__current_path__startswith=unit.current_path
    )
    for word in search_words(name):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return [
        person for person in queryset.select_related("unit") if fold(person.full_name) == wanted
    ]


def indicator_for(kind: FactKind, label: str) -> Indicator | None:
    """The enterable indicator a fact is a value of: the longest phrase its folded label
    starts with (a statistic's noun; an award's "award/recipient")."""
    folded = fold(label)
    matches = [
        match
        for match in IndicatorMatch.objects.filter(kind=kind, indicator__enterable=True)
        .select_related("indicator")
        .order_by("-phrase")
        if folded.startswith(match.phrase)
    ]
    best = max(matches, key=lambda match: len(match.phrase), default=None)
    return best.indicator if best else None


def indicators_enterable() -> QuerySet[Indicator]:
    return Indicator.objects.filter(enterable=True)


def sources_of(user: AnyUser, record: models.Model) -> QuerySet[Article]:
    """The articles a record came from, those the user may read."""
    links = ArticleRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )
    return (
        scoped(user, Article.objects.all())
        .filter(pk__in=links.values("article_id"))
        .order_by("-published", "pk")
    )


@dataclass
class RecordLink:
    kind: str
    record: models.Model
    url: str
    note: str


def _record_url(record: models.Model) -> str:
    if isinstance(record, Conference):
        return reverse("activities:detail", args=["conferences", record.pk])
    if isinstance(record, Document):
        return reverse("activities:detail", args=["documents", record.pk])
    if isinstance(record, Person):
        return reverse("awards:person", args=[record.pk])
    if isinstance(record, PeriodReport):
        return reverse(
            "indicators:report",
            kwargs={"unit_pk": record.unit_id, "period_key": record.period.key},
        )
    return ""


def records_of(article: Article) -> list[RecordLink]:
    """What an article gave rise to, each record with the address of its page."""
    links = article.records.select_related("content_type").prefetch_related("record")
    return [
        RecordLink(link.get_kind_display(), link.record, _record_url(link.record), link.note)
        for link in links
        if link.record is not None
    ]


def articles_awaiting(user: AnyUser) -> QuerySet[Article]:
    """The review queue: articles in scope awaiting an officer, oldest first."""
    return articles_visible(user).filter(status=ArticleStatus.AWAITING).order_by("uploaded_at")


def held_by_sector(organizer: str) -> bool:
    """Whether the commission itself organised it (a conference of the sector)."""
    return any(words in fold(organizer) for words in SECTOR_WORDS)


def figures_year(facts: dict[str, Any]) -> int | None:
    """The year an article's figures most likely describe: the year of the event, or the year
    before for a conference early in the year that reviews it."""
    event = facts.get("event") or {}
    day = event.get("date") or facts.get("published")
    if not day:
        return None
    date = dt.date.fromisoformat(day)
    if event.get("kind") in REVIEWS_OF_LAST_YEAR and date.month <= 3:
        return date.year - 1
    return date.year


def award_label(award: dict[str, Any]) -> str:
    return f"{award.get('award') or 'other'}/{award.get('recipient') or ''}"


@dataclass
class ReviewInitial:
    main: dict[str, Any]
    people: list[dict[str, Any]]
    awards: list[dict[str, Any]]
    statistics: list[dict[str, Any]]


def review_initial(article: Article) -> ReviewInitial:
    """The review form filled with the article's facts, each figure with its indicator."""
    facts = article.facts.current
    event = facts.get("event") or {}
    date = event.get("date")
    return ReviewInitial(
        main={
            "unit": article.unit_id,
            "title": article.title[:300],
            "event_kind": event.get("kind") or "",
            "event_date": dt.date.fromisoformat(date) if date else None,
            "anniversary": bool(event.get("anniversary")),
            "organizer": event.get("organizer") or "",
            "place": event.get("place") or "",
            "record_activity": bool(event.get("kind")),
            "by_sector": held_by_sector(event.get("organizer") or ""),
            "period_year": figures_year(facts),
            "documents": ", ".join(facts.get("documents", [])),
        },
        people=[
            {"name": p["name"], "titles": "; ".join(p.get("titles", []))}
            for p in facts.get("people", [])
        ],
        awards=[
            {
                "award": a.get("award") or "other",
                "recipient": a.get("recipient") or "",
                "count": a.get("count"),
                "indicator": indicator_for(FactKind.AWARD, award_label(a)),
            }
            for a in facts.get("awards", [])
        ],
        statistics=_statistics_initial(facts.get("statistics", [])),
    )


def _statistics_initial(statistics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each statistic with the indicator its noun suggests, unless an earlier one took it
    ("32 ý kiến được nêu; 29 ý kiến được giải đáp": only the first is the opinions raised)."""
    taken: set[int] = set()
    rows = []
    for statistic in statistics:
        indicator = indicator_for(FactKind.STATISTIC, statistic["noun"])
        if indicator is not None and indicator.pk in taken:
            indicator = None
        if indicator is not None:
            taken.add(indicator.pk)
        rows.append(
            {"value": statistic["value"], "noun": statistic["noun"], "indicator": indicator}
        )
    return rows


@dataclass
class NamedPerson:
    """A person a confirmed article names: the registry's record when linked, else the
    registry's people of that name to choose from."""

    name: str
    titles: list[str]
    person: Person | None
    candidates: list[Person]


def people_of(article: Article) -> list[NamedPerson]:
    linked = {
        fold(person.full_name): person
        for person in Person.objects.filter(
            pk__in=article.records.filter(kind=RecordKind.PERSON).values("object_id")
        )
    }
    named = []
    for fact in article.facts.current.get("people", []):
        person = linked.get(fold(fact["name"]))
        named.append(
            NamedPerson(
                name=fact["name"],
                titles=fact.get("titles", []),
                person=person,
                candidates=[] if person else people_named(fact["name"], unit=article.unit),
            )
        )
    return named


def work_pending(user: AnyUser) -> list[Pending]:
    """For the home page: articles of the user's units awaiting review."""
    waiting = scoped(
        user, Article.objects.filter(status=ArticleStatus.AWAITING), minimum=Role.EDITOR
    ).count()
    url = f"{reverse('news:list')}?status={ArticleStatus.AWAITING}"
    return [Pending(_("News articles to check"), waiting, url)]
