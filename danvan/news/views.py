"""News pages: the article list with search, the upload, and an article's review."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.accounts.selectors import user_can
from danvan.audit.selectors import changes_of
from danvan.common.numbers import format_number
from danvan.common.responses import refused, render_form
from danvan.news import services
from danvan.news.filters import ArticleFilter
from danvan.news.forms import (
    AWARDS,
    EVENT_KINDS,
    RECIPIENTS,
    AwardFormSet,
    NewPersonForm,
    PeopleFormSet,
    RejectForm,
    ReviewForm,
    StatisticFormSet,
    UploadForm,
)
from danvan.news.models import Article, ArticleStatus
from danvan.news.selectors import (
    article_get,
    articles_visible,
    people_named,
    people_of,
    records_of,
    review_initial,
)

PAGE_SIZE = 50


def _facts_shown(facts: dict[str, Any]) -> dict[str, Any]:
    """An article's facts as a reader wants them: kinds by their names, dates as dates."""
    event = facts.get("event") or {}
    kinds, awards, recipients = dict(EVENT_KINDS), dict(AWARDS), dict(RECIPIENTS)
    return {
        "event": {
            "kind": kinds.get(event.get("kind") or "", ""),
            "date": dt.date.fromisoformat(event["date"]) if event.get("date") else None,
            "organizer": event.get("organizer") or "",
            "place": event.get("place") or "",
        }
        if event
        else None,
        "awards": [
            {
                "award": awards.get(a.get("award") or "other", ""),
                "recipient": recipients.get(a.get("recipient") or "", ""),
                "count": a.get("count"),
            }
            for a in facts.get("awards", [])
        ],
        "statistics": facts.get("statistics", []),
        "documents": facts.get("documents", []),
    }


def _errors(exc: ValidationError | PermissionDenied) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    article_filter = ArticleFilter(request.GET, queryset=articles_visible(request.user))
    queryset = article_filter.qs if article_filter.is_valid() else Article.objects.none()
    return render(
        request,
        "news/list.html",
        {
            "filter": article_filter,
            "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
            "awaiting": articles_visible(request.user)
            .filter(status=ArticleStatus.AWAITING)
            .count(),
        },
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            results = services.articles_ingest(
                actor=request.user,  # type: ignore[arg-type]
                files=form.cleaned_data["articles"],
            )
        except (ValidationError, PermissionDenied) as exc:
            for error in _errors(exc):
                form.add_error(None, error)
        else:
            new = [r.article for r in results if not r.duplicate]
            for result in results:
                if result.duplicate:
                    messages.warning(
                        request,
                        _("%(name)s was already ingested: %(title)s.")
                        % {"name": result.name, "title": result.article},
                    )
            messages.success(
                request,
                _("%(count)s articles stored, awaiting review.")
                % {"count": format_number(len(new))},
            )
            if len(new) == 1:
                return redirect("news:article", new[0].pk)
            return redirect("news:list")
    return render_form(request, "news/upload.html", {"form": form})


def _review_forms(request: HttpRequest, article: Article) -> tuple[ReviewForm, Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    initial = review_initial(article)
    return (
        ReviewForm(data, user=request.user, article=article, initial=initial.main),
        PeopleFormSet(data, prefix="people", initial=initial.people),
        AwardFormSet(data, prefix="awards", initial=initial.awards),
        StatisticFormSet(data, prefix="statistics", initial=initial.statistics),
    )


def _kept(formset: Any) -> list[dict[str, Any]]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _review(form: ReviewForm, people: Any, awards: Any, statistics: Any) -> services.Review:
    data = form.cleaned_data
    return services.Review(
        unit=data["unit"],
        title=data["title"],
        event_date=data["event_date"],
        event_kind=data["event_kind"],
        anniversary=data["anniversary"],
        organizer=data["organizer"],
        place=data["place"],
        record_activity=data["record_activity"],
        by_sector=data["by_sector"],
        people=[
            services.PersonFact(
                name=row["name"],
                titles=[t.strip() for t in row["titles"].split(";") if t.strip()],
            )
            for row in _kept(people)
        ],
        awards=[
            services.CountFact(
                label=f"{row['award']}/{row['recipient']}",
                value=row["count"],
                indicator=row["indicator"],
            )
            for row in _kept(awards)
        ],
        statistics=[
            services.CountFact(label=row["noun"], value=row["value"], indicator=row["indicator"])
            for row in _kept(statistics)
        ],
        period_year=data["period_year"],
        documents=data["documents"],
    )


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article beside its facts: editable and confirmable while it awaits review."""
    article = article_get(request.user, pk=pk)
    can_review = article.status == ArticleStatus.AWAITING and user_can(
        request.user, Role.EDITOR, article.unit
    )
    form, people, awards, statistics = _review_forms(request, article)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        valid = [f.is_valid() for f in (form, people, awards, statistics)]
        if all(valid):
            try:
                confirmed = services.article_confirm(
                    actor=request.user,  # type: ignore[arg-type]
                    article=article,
                    review=_review(form, people, awards, statistics),
                )
            except (ValidationError, PermissionDenied) as exc:
                for error in _errors(exc):
                    messages.error(request, error)
            else:
                messages.success(
                    request,
                    _("Confirmed: %(count)s records linked to this article.")
                    % {"count": format_number(confirmed.article.records.count())},
                )
                return redirect("news:article", article.pk)
        else:
            messages.error(request, _("Check the facts marked below."))
    confirmed_view = article.status == ArticleStatus.CONFIRMED
    return render_form(
        request,
        "news/article.html",
        {
            "article": article,
            "can_review": can_review,
            "can_add_people": confirmed_view and user_can(request.user, Role.EDITOR, article.unit),
            "form": form,
            "people": people,
            "awards": awards,
            "statistics": statistics,
            "reject_form": RejectForm(),
            "records": records_of(article) if confirmed_view else [],
            "named": people_of(article) if confirmed_view else [],
            "documents": article.documents.all(),
            "facts": _facts_shown(article.facts.current),
            "changes": changes_of(instance=article)[:50],
        },
        refused=request.method == "POST",
    )


@login_required
@require_POST
def article_reject(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_get(request.user, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for rejecting."))
        return refused(request, back=reverse("news:article", args=[article.pk]))
    try:
        services.article_reject(
            actor=request.user,  # type: ignore[arg-type]
            article=article,
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as exc:
        for error in _errors(exc):
            messages.error(request, error)
        return refused(request, back=reverse("news:article", args=[article.pk]))
    messages.success(request, _("The article was rejected: nothing entered the records."))
    return redirect("news:article", article.pk)


@login_required
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person the confirmed article names to the registry, or link one already there."""
    article = article_get(request.user, pk=pk)
    name = request.GET.get("name", "")
    named = next((n for n in people_of(article) if n.name == name), None)
    if named is None:
        raise Http404
    actor: Any = request.user
    if request.method == "POST" and "person" in request.POST:
        chosen = next(
            (
                p
                for p in people_named(name, unit=article.unit)
                if str(p.pk) == request.POST["person"]
            ),
            None,
        )
        if chosen is None:
            raise Http404
        try:
            services.article_person_link(actor=actor, article=article, person=chosen)
        except (ValidationError, PermissionDenied) as exc:
            for error in _errors(exc):
                messages.error(request, error)
            return refused(request, back=reverse("news:article", args=[article.pk]))
        messages.success(request, _("Linked %(code)s.") % {"code": chosen.code})
        return redirect("news:article", article.pk)
    form = NewPersonForm(
        request.POST or None,
        initial={"full_name": named.name, "position": "; ".join(named.titles)[:200]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.article_person_add(actor=actor, article=article, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            for error in _errors(exc):
                form.add_error(None, error)
        else:
            messages.success(request, _("Added %(code)s.") % {"code": person.code})
            return redirect("news:article", article.pk)
    return render_form(
        request, "news/person_add.html", {"article": article, "named": named, "form": form}
    )
