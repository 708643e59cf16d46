"""Writes of news articles: ingest (with the extractor's facts), confirm into records, reject,
and add the people an article names to the person registry. The upload page, the `ingest`
command and the demo call these.

Records are written through the services of the capabilities that own them (activities,
awards, indicators), so their rules, locks and change log apply to what an article brings.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import home_units, user_can
from danvan.activities.codes import parse_code
from danvan.activities.models import Conference, ConferenceKind, Document
from danvan.activities.services import activity_create
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, snapshot
from danvan.awards.models import Gender, Person, PersonCategory
from danvan.awards.services import person_create
from danvan.common.numbers import format_number
from danvan.common.text import normalize, search_key
from danvan.indicators.models import Indicator, PeriodReport
from danvan.indicators.periods import Period
from danvan.indicators.services import report_save
from danvan.news.extraction import extract_article
from danvan.news.extraction.html import html_to_text, looks_like_html
from danvan.news.extraction.normalize import normalize as normalize_article
from danvan.news.extraction.page import read_page
from danvan.news.models import (
    Article,
    ArticleRecord,
    ArticleStatus,
    CitedDocument,
    ExtractedFacts,
    RecordKind,
)
from danvan.news.selectors import people_named, province_named, review_initial
from danvan.units.models import Unit
from danvan.units.official import CENTRAL_CODE
from danvan.units.selectors import unit_by_code

Actor = User | None
ARTICLE_FIELDS = ["source_name", "title", "published", "unit", "status", "reject_reason"]
# The extractor's event kinds (the corpus schema) as kinds of conference.
CONFERENCE_KINDS = {
    "toa_dam": ConferenceKind.PROPAGANDA,
    "gap_mat": ConferenceKind.OTHER,
    "hoi_nghi_trien_khai": ConferenceKind.DEPLOYMENT,
    "hoi_nghi_so_ket_tong_ket": ConferenceKind.REVIEW,
    "hoi_nghi_tap_huan": ConferenceKind.TRAINING,
    "hoi_nghi_doi_thoai": ConferenceKind.OTHER,
    "le_bieu_duong": ConferenceKind.HONOURING,
    "hoi_nghi_khac": ConferenceKind.OTHER,
}


# Fewer words than this are a headline or a fragment, not an article to review.
MIN_WORDS = 20


def _require(actor: Actor, unit: Unit) -> None:
    if actor is not None and not user_can(actor, Role.EDITOR, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit})


def fingerprint(text: str) -> str:
    """The duplicate key of an article: its folded words, so another file of the same text
    (other spaces, NFD, another tone-mark convention, "Ð") is recognised."""
    return hashlib.sha256(search_key(text).encode()).hexdigest()


def _link(article: Article, record: models.Model, kind: RecordKind, note: str = "") -> None:
    ArticleRecord.objects.get_or_create(
        article=article,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        defaults={"kind": kind, "note": note[:300]},
    )


def conference_kind(event_kind: str | None, *, anniversary: bool) -> str:
    """The kind of conference an event of the article is recorded as."""
    if anniversary:
        return ConferenceKind.ANNIVERSARY
    return CONFERENCE_KINDS.get(event_kind or "", ConferenceKind.OTHER)


# --- Ingest ---------------------------------------------------------------------------------


@dataclass
class Ingested:
    name: str
    article: Article
    duplicate: bool


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _unit_for(actor: Actor, facts: dict[str, Any], default: Unit | None) -> Unit:
    """The unit an article concerns: the province it names, as it stood on the event's day,
    when the actor works for it; else `default` (the unit of that code on the day); else the
    actor's own unit; else, for the system, the centre."""
    event = facts.get("event") or {}
    day = _day(event.get("date")) or _day(facts.get("published")) or timezone.localdate()
    for name in [event.get("place"), *facts.get("places", [])]:
        found = province_named(name, on=day) if name else None
        if found is not None and (actor is None or user_can(actor, Role.EDITOR, found)):
            return found
    if default is not None:
        return (
            default
            if default.is_valid_on(day)
            else unit_by_code(code=default.code, on=day) or default
        )
    if actor is not None:
        own = [u for u in home_units(actor) if user_can(actor, Role.EDITOR, u)]
        if not own:
            raise PermissionDenied(_("You may not add articles: you edit no unit."))
        return own[0]
    central = unit_by_code(code=CENTRAL_CODE)
    assert central is not None, "the official units are loaded"
    return central


@transaction.atomic
def article_ingest(
    *,
    actor: Actor,
    source_name: str,
    content: str,
    default_unit: Unit | None = None,
    is_sample: bool = False,
) -> Ingested:
    """Store an article (plain text or an HTML page) with the facts the extractor reads in it,
    for the province it names (`default_unit` when it names none the actor works for).
    An article already stored (the same folded text) is not stored twice."""
    html = content if looks_like_html(content) else ""
    text = normalize_article(html_to_text(html) if html else content).strip()
    if len(text.split()) < MIN_WORDS:  # an empty file, or a page broken before its text
        raise ValidationError(_("%(name)s holds no article text.") % {"name": source_name})
    key = fingerprint(text)
    existing = Article.objects.filter(content_hash=key).first()
    if existing is not None:
        return Ingested(source_name, existing, duplicate=True)
    facts = extract_article(text, source_name)
    article = Article(
        source_name=normalize(source_name)[:255],
        title=(read_page(text).title or "")[:500],
        text=text,
        html=html,
        content_hash=key,
        published=_day(facts["published"]),
        unit=_unit_for(actor, facts, default_unit),
        uploaded_by=actor,
        is_sample=is_sample,
    )
    _require(actor, article.unit)
    article.search_key = search_key(article.title, article.source_name, text)
    article.full_clean(exclude=["search_key", "uploaded_by"])
    article.save()
    ExtractedFacts.objects.create(article=article, extracted=facts)
    record_change(
        actor=actor,
        instance=article,
        action=ChangeAction.CREATE,
        after=snapshot(article, ARTICLE_FIELDS),
    )
    return Ingested(source_name, article, duplicate=False)


@transaction.atomic
def articles_ingest(
    *, actor: Actor, files: list[tuple[str, str]], default_unit: Unit | None = None
) -> list[Ingested]:
    """Store several articles (name, content) at once: all of them, or none when one fails.
    The same article twice in one upload is stored once."""
    results, errors = [], []
    for name, content in files:
        try:
            results.append(
                article_ingest(
                    actor=actor, source_name=name, content=content, default_unit=default_unit
                )
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return results


# --- Review ---------------------------------------------------------------------------------


@dataclass
class PersonFact:
    name: str
    titles: list[str] = field(default_factory=list)


@dataclass
class CountFact:
    """An award count (`label` "award/recipient") or a statistic (`label` its noun), and the
    indicator it is a value of (None: not recorded as a figure)."""

    label: str
    value: int
    indicator: Indicator | None = None


@dataclass
class Review:
    """The facts of an article as the officer confirms them."""

    unit: Unit
    title: str = ""
    event_date: dt.date | None = None
    event_kind: str = ""
    anniversary: bool = False
    organizer: str = ""
    place: str = ""
    record_activity: bool = True
    by_sector: bool = False
    people: list[PersonFact] = field(default_factory=list)
    awards: list[CountFact] = field(default_factory=list)
    statistics: list[CountFact] = field(default_factory=list)
    period_year: int | None = None
    documents: list[str] = field(default_factory=list)


def review_suggested(article: Article) -> Review:
    """The review as the extractor read the article, each figure with the indicator its
    words suggest: what the review page proposes (and the demo confirms unchanged)."""
    initial = review_initial(article)
    main = initial.main
    return Review(
        unit=article.unit,
        title=main["title"],
        event_date=main["event_date"],
        event_kind=main["event_kind"],
        anniversary=main["anniversary"],
        organizer=main["organizer"],
        place=main["place"],
        record_activity=main["record_activity"],
        by_sector=main["by_sector"],
        people=[
            PersonFact(p["name"], [t for t in p["titles"].split("; ") if t]) for p in initial.people
        ],
        awards=[
            CountFact(f"{a['award']}/{a['recipient']}", a["count"], a["indicator"])
            for a in initial.awards
            if a["count"] is not None
        ],
        statistics=[CountFact(s["noun"], s["value"], s["indicator"]) for s in initial.statistics],
        period_year=main["period_year"],
        documents=article.facts.current.get("documents", []),
    )


@dataclass
class Confirmed:
    article: Article
    activity: Conference | None
    people_linked: list[Person]
    people_unmatched: list[str]
    report: PeriodReport | None
    documents: list[CitedDocument]


def _awaiting(article: Article) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != ArticleStatus.AWAITING:
        raise ValidationError(
            _("This article is %(status)s: it was reviewed already.")
            % {"status": article.get_status_display().lower()}
        )
    return article


def _as_schema(article: Article, review: Review) -> dict[str, Any]:
    """The confirmed facts in the schema they were extracted in."""
    extracted = article.facts.extracted
    award_parts = [[*fact.label.split("/", 1), ""] for fact in review.awards]
    return {
        **extracted,
        "event": {
            "date": review.event_date.isoformat() if review.event_date else None,
            "kind": review.event_kind or None,
            "anniversary": review.anniversary,
            "organizer": review.organizer or None,
            "place": review.place or None,
        }
        if review.event_kind or review.event_date
        else None,
        "people": [{"name": p.name, "titles": p.titles} for p in review.people],
        "awards": [
            {"award": parts[0], "recipient": parts[1] or None, "count": fact.value}
            for parts, fact in zip(award_parts, review.awards, strict=True)
        ],
        "statistics": [{"value": s.value, "noun": s.label} for s in review.statistics],
        "documents": review.documents,
    }


def _record_activity(actor: Actor, article: Article, review: Review) -> Conference | None:
    if not review.record_activity or not review.event_kind:
        return None
    if review.event_date is None:
        raise ValidationError(_("Give the date of the event, or do not record it as an activity."))
    title = review.title or article.title or review.organizer or article.source_name
    conference = activity_create(
        actor=actor,
        model=Conference,
        unit=review.unit,
        date=review.event_date,
        title=title[:300],
        kind=conference_kind(review.event_kind, anniversary=review.anniversary),
        by_sector=review.by_sector,
        is_sample=article.is_sample,
    )
    _link(article, conference, RecordKind.ACTIVITY)
    return conference


def _record_people(article: Article, review: Review) -> tuple[list[Person], list[str]]:
    """Link each person the article names to the registry when exactly one person of the
    unit's province has that name (diacritics ignored). No one is created here: the registry
    needs a birth date and a gender, which articles do not give (see `article_person_add`)."""
    linked, unmatched = [], []
    for fact in review.people:
        candidates = people_named(fact.name, unit=review.unit)
        if len(candidates) == 1:
            linked.append(candidates[0])
            _link(article, candidates[0], RecordKind.PERSON, note=", ".join(fact.titles))
        else:
            unmatched.append(fact.name)
    return linked, unmatched


def _record_figures(actor: Actor, article: Article, review: Review) -> PeriodReport | None:
    """Statistics set an indicator's entered total for the period; award counts add to it
    (one ceremony among the year's). Only facts the officer matched to an indicator count."""
    statistics: dict[Indicator, int] = {}
    awards: dict[Indicator, int] = {}
    for fact in review.awards:
        if fact.indicator is not None:
            awards[fact.indicator] = awards.get(fact.indicator, 0) + fact.value
    for fact in review.statistics:
        if fact.indicator is None:
            continue
        if fact.indicator in statistics:
            raise ValidationError(
                _("Two statistics are entered as %(indicator)s: keep one of them.")
                % {"indicator": fact.indicator}
            )
        statistics[fact.indicator] = fact.value
    if not statistics and not awards:
        return None
    if review.period_year is None:
        raise ValidationError(_("Say which year the figures describe."))
    period = Period.year(review.period_year)
    current = PeriodReport.objects.filter(
        unit=review.unit, grain=period.grain, period_start=period.start
    ).first()
    values: dict[int, int | None] = (
        {v.indicator_id: v.value for v in current.values.all()} if current else {}
    )
    for indicator, value in awards.items():
        values[indicator.pk] = (values.get(indicator.pk) or 0) + value
    for indicator, value in statistics.items():
        values[indicator.pk] = value
    report = report_save(
        actor=actor, unit=review.unit, period=period, values=values, is_sample=article.is_sample
    )
    note = "; ".join(
        f"{i.name}: {format_number(v)}" for i, v in [*statistics.items(), *awards.items()]
    )
    _link(article, report, RecordKind.REPORT, note=note)
    return report


def _record_documents(article: Article, review: Review) -> list[CitedDocument]:
    """The codes the article cites; a document of the unit's records with that code is
    linked to the article as well."""
    cited = []
    errors = []
    for raw in dict.fromkeys(normalize(code).replace(" ", "") for code in review.documents):
        try:
            parsed = parse_code(raw)
        except ValueError:
            errors.append(
                _("%(code)s is not a document code (e.g. 32-CT/TU, 202/2025/QH15).") % {"code": raw}
            )
            continue
        cited.append(
            CitedDocument.objects.create(
                article=article, code=raw, doc_type=parsed.type, issuer=parsed.issuer
            )
        )
        for document in Document.objects.filter(
            code=raw, unit__current_path__startswith=review.unit.current_path
        ):
            _link(article, document, RecordKind.DOCUMENT)
    if errors:
        raise ValidationError(errors)
    return cited


@transaction.atomic
def article_confirm(*, actor: Actor, article: Article, review: Review) -> Confirmed:
    """Confirm an article's facts into the records, all or nothing: the event as an activity
    of the unit, the people it names linked to the registry, the figures as entered totals of
    the unit for the year they describe, the documents it cites. Each record links back."""
    article = _awaiting(article)
    _require(actor, article.unit)
    _require(actor, review.unit)
    before = snapshot(article, ARTICLE_FIELDS)
    activity = _record_activity(actor, article, review)
    linked, unmatched = _record_people(article, review)
    report = _record_figures(actor, article, review)
    documents = _record_documents(article, review)
    article.facts.corrected = _as_schema(article, review)
    article.facts.save(update_fields=["corrected"])
    article.unit = review.unit
    article.status = ArticleStatus.CONFIRMED
    article.reviewed_by, article.reviewed_at = actor, timezone.now()
    article.save()
    record_change(
        actor=actor,
        instance=article,
        action=ChangeAction.UPDATE,
        before=before,
        after={
            **snapshot(article, ARTICLE_FIELDS),
            "records": "; ".join(
                f"{link.get_kind_display()} {link.object_id}" for link in article.records.all()
            ),
        },
    )
    return Confirmed(article, activity, linked, unmatched, report, documents)


@transaction.atomic
def article_reject(*, actor: Actor, article: Article, reason: str) -> Article:
    """Set an article aside (not about the work, unreliable, ...): nothing enters the records."""
    article = _awaiting(article)
    _require(actor, article.unit)
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting."))
    before = snapshot(article, ARTICLE_FIELDS)
    article.status, article.reject_reason = ArticleStatus.REJECTED, normalize(reason)[:500]
    article.reviewed_by, article.reviewed_at = actor, timezone.now()
    article.save()
    record_change(
        actor=actor,
        instance=article,
        action=ChangeAction.UPDATE,
        before=before,
        after=snapshot(article, ARTICLE_FIELDS),
        reason=article.reject_reason,
    )
    return article


# --- People named ---------------------------------------------------------------------------


def _confirmed(article: Article) -> None:
    if article.status != ArticleStatus.CONFIRMED:
        raise ValidationError(_("Confirm the article before adding its people."))


@transaction.atomic
def article_person_link(*, actor: Actor, article: Article, person: Person) -> Person:
    """Record that a person of the registry is the one the article names."""
    _confirmed(article)
    _require(actor, article.unit)
    _link(article, person, RecordKind.PERSON)
    record_change(
        actor=actor,
        instance=article,
        action=ChangeAction.UPDATE,
        after={"person": f"{person.code} · {person}"},
    )
    return person


@transaction.atomic
def article_person_add(
    *,
    actor: Actor,
    article: Article,
    full_name: str,
    birth_date: dt.date,
    gender: Gender,
    category: PersonCategory,
    position: str = "",
) -> Person:
    """Add a person the article names to the registry (with the birth date and gender the
    officer knows from the files), linked to the article as its source."""
    _confirmed(article)
    # The registry keeps a person's current unit: a province merged since goes to its successor.
    unit = article.unit if article.unit.valid_until is None else article.unit.successor
    person = person_create(
        actor=actor,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        category=category,
        unit=unit or article.unit,
        position=position[:200],
        reason=_("From the article %(article)s") % {"article": article},
    )
    return article_person_link(actor=actor, article=article, person=person)
