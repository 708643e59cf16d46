"""Reads of activities, always through the user's scope."""

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped, units_visible
from danvan.activities.models import Activity, Conference, Dialogue, Inspection, WorkTask
from danvan.common.text import query_words
from danvan.units.models import Unit

A = TypeVar("A", bound=Activity)

# The numeric columns whose sums a list shows under its count.
SUMMED: dict[type[Activity], list[str]] = {
    Conference: ["persons", "attendances"],
    Inspection: ["organisations", "members"],
    Dialogue: ["participants", "opinions_raised", "opinions_answered"],
}


def activities_visible(user: AnyUser, model: type[A]) -> QuerySet[A]:
    related = ["unit", "level"] if model is Dialogue else ["unit"]
    return scoped(user, model._default_manager.select_related(*related), unit_field="unit")


def activity_get(user: AnyUser, model: type[A], pk: int) -> A:
    """The activity if the user may see it; 404 otherwise, as if it did not exist."""
    activity = activities_visible(user, model).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


def editable_units(user: AnyUser) -> QuerySet[Unit]:
    """Units in force the user may record activities for (villages report through their
    commune)."""
    return scoped(user, Unit.objects.current(), unit_field="", minimum=Role.EDITOR).exclude(
        level__code="village"
    )


def unit_visible(user: AnyUser, pk: int) -> Unit | None:
    return units_visible(user).filter(pk=pk).first()


def activities_matching(queryset: QuerySet[A], text: str) -> QuerySet[A]:
    """Activities with a word starting with each word of `text`, diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def activities_within(queryset: QuerySet[A], unit: Unit) -> QuerySet[A]:
    """Activities of `unit` and of everything that counts under it today (merged units too)."""
    return queryset.filter(unit__current_path__startswith=unit.path)


def late_q(today: dt.date | None = None) -> Q:
    """Tasks not done whose deadline has passed (the same rule as `WorkTask.is_late`)."""
    return Q(done_on__isnull=True, deadline__lt=today or timezone.localdate())


def activity_totals(queryset: QuerySet[Any]) -> dict[str, float | int | None]:
    """The count of a filtered list and the sums of its numeric columns, in one query.

    Dialogues add `answered_share`, the percentage of opinions answered on the spot (None
    when no opinion was raised); tasks add how many are `late` and how many are `done`.
    """
    model = queryset.model
    aggregates: dict[str, Any] = {"count": Count("pk")}
    aggregates.update({name: Sum(name) for name in SUMMED.get(model, [])})
    if model is WorkTask:
        aggregates["late"] = Count("pk", filter=late_q())
        aggregates["done"] = Count("pk", filter=Q(done_on__isnull=False))
    # A sort applied by the filter would only slow the aggregate down.
    row = queryset.order_by().aggregate(**aggregates)
    totals: dict[str, float | int | None] = {key: value or 0 for key, value in row.items()}
    if model is Dialogue:
        raised = int(totals["opinions_raised"] or 0)
        answered = int(totals["opinions_answered"] or 0)
        totals["answered_share"] = 100 * answered / raised if raised else None
    return totals


def activity_counts(user: AnyUser, kinds: dict[str, type[Activity]], year: int) -> dict[str, int]:
    """How many activities of each kind the user's scope holds in the year."""
    return {
        slug: activities_visible(user, model).filter(date__year=year).count()
        for slug, model in kinds.items()
    }


def tasks_late_count(user: AnyUser) -> int:
    return activities_visible(user, WorkTask).filter(late_q()).count()
