"""One filter set per kind of activity: the list page, the API and the Excel export share it."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.activities.codes import PARTY_TYPES
from danvan.activities.models import (
    Activity,
    Conference,
    ConferenceKind,
    Dialogue,
    DialogueKind,
    Document,
    DocumentRole,
    Inspection,
    InspectionKind,
    WorkTask,
)
from danvan.activities.selectors import (
    activities_matching,
    activities_within,
    late_q,
    unit_visible,
)
from danvan.common.filters import IntegerFilter

BASE_SORTS = ["date", "title", "unit"]
SORT_FIELDS = {"unit": "unit__name"}  # a sort key that is not a field name of its own


def _sort_filter(*keys: str) -> filters.ChoiceFilter:
    """A `sort` filter on the keys ("-key" descending); ties are broken by newest first."""
    choices = [(f"{sign}{key}", f"{sign}{key}") for key in keys for sign in ("", "-")]
    return filters.ChoiceFilter(label=_("Sort"), choices=choices, method="filter_sort")


class ActivityFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    within = IntegerFilter(label=_("Unit (and below)"), method="filter_within")
    date_from = filters.DateFilter(
        label=_("From (dd/mm/yyyy)"), field_name="date", lookup_expr="gte"
    )
    date_to = filters.DateFilter(label=_("To (dd/mm/yyyy)"), field_name="date", lookup_expr="lte")
    year = IntegerFilter(label=_("Year"), method="filter_year", min_value=1900, max_value=2100)
    sort = _sort_filter(*BASE_SORTS)

    # The filters a list page shows as drop-down lists next to the common ones.
    choice_fields: list[str] = []

    class Meta:
        model: type[Activity]
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return activities_matching(queryset, value)

    def filter_year(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return queryset.filter(date__year=value)

    def filter_within(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        """A unit the user may not see filters everything out, as if it did not exist."""
        user = getattr(self.request, "user", None)
        unit = unit_visible(user, value) if user is not None else None
        return activities_within(queryset, unit) if unit else queryset.none()

    def filter_sort(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        sign, key = ("-", value[1:]) if value.startswith("-") else ("", value)
        return queryset.order_by(f"{sign}{SORT_FIELDS.get(key, key)}", "-date", "-pk")


class ConferenceFilter(ActivityFilter):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=ConferenceKind.choices)
    by_sector = filters.BooleanFilter(label=_("Held by the mass-mobilization sector"))
    sort = _sort_filter(*BASE_SORTS, "persons", "attendances")
    choice_fields = ["kind", "by_sector"]

    class Meta:
        model = Conference
        fields: list[str] = []


class DocumentFilter(ActivityFilter):
    role = filters.ChoiceFilter(label=_("Role"), choices=DocumentRole.choices)
    doc_type = filters.ChoiceFilter(
        label=_("Type"),
        choices=[(code, f"{code} · {name}") for code, name in PARTY_TYPES.items()],
    )
    sort = _sort_filter(*BASE_SORTS, "code", "number")
    choice_fields = ["role", "doc_type"]

    class Meta:
        model = Document
        fields: list[str] = []


class InspectionFilter(ActivityFilter):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=InspectionKind.choices)
    sort = _sort_filter(*BASE_SORTS, "organisations", "members")
    choice_fields = ["kind"]

    class Meta:
        model = Inspection
        fields: list[str] = []


class DialogueFilter(ActivityFilter):
    kind = filters.ChoiceFilter(label=_("Kind"), choices=DialogueKind.choices)
    sort = _sort_filter(*BASE_SORTS, "participants", "opinions_raised", "opinions_answered")
    choice_fields = ["kind"]

    class Meta:
        model = Dialogue
        fields: list[str] = []


class WorkTaskFilter(ActivityFilter):
    late = filters.BooleanFilter(label=_("Late"), method="filter_late")
    done = filters.BooleanFilter(label=_("Done"), method="filter_done")
    sort = _sort_filter(*BASE_SORTS, "deadline", "progress")
    choice_fields = ["late", "done"]

    class Meta:
        model = WorkTask
        fields: list[str] = []

    def filter_late(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(late_q()) if value else queryset.exclude(late_q())

    def filter_done(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(done_on__isnull=not value)


FILTERS: dict[type[Activity], type[ActivityFilter]] = {
    Conference: ConferenceFilter,
    Document: DocumentFilter,
    Inspection: InspectionFilter,
    Dialogue: DialogueFilter,
    WorkTask: WorkTaskFilter,
}
