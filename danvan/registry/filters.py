"""One filter set for the registry list: the page, the API and the Excel export share it."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.common.filters import IntegerFilter
from danvan.registry.models import Entry, EntryKind, ExemplarType, Field, MovementPeriod, Status
from danvan.registry.selectors import entries_in_force, entries_matching, entries_within
from danvan.units.models import Unit

SORTS = {
    "name": "name",
    "-name": "-name",
    "code": "code",
    "-code": "-code",
    "status_date": "status_date",
    "-status_date": "-status_date",
    "start_date": "start_date",
    "-start_date": "-start_date",
}


class EntryFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    within = filters.NumberFilter(label=_("Unit (and below)"), method="filter_within")
    field = filters.ModelChoiceFilter(
        label=_("Field"), queryset=Field.objects.all(), to_field_name="code", method="filter_field"
    )
    kind = filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices)
    exemplar_type = filters.ChoiceFilter(
        label=_("Collective or individual"), choices=ExemplarType.choices
    )
    status = filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    period = filters.ModelChoiceFilter(
        label=_("Period"), queryset=MovementPeriod.objects.all(), to_field_name="code"
    )
    commune = filters.NumberFilter(label=_("Commune id"), field_name="commune_id")
    in_force = IntegerFilter(
        label=_("In force in year"), method="filter_in_force", min_value=1900, max_value=2100
    )
    sort = filters.ChoiceFilter(
        label=_("Sort"), choices=[(key, key) for key in SORTS], method="filter_sort"
    )

    class Meta:
        model = Entry
        fields = ["q", "within", "field", "kind", "exemplar_type", "status", "period", "commune"]

    def filter_text(self, queryset: QuerySet[Entry], name: str, value: str) -> QuerySet[Entry]:
        return entries_matching(queryset, value)

    def filter_within(self, queryset: QuerySet[Entry], name: str, value: Any) -> QuerySet[Entry]:
        unit = Unit.objects.filter(pk=value).first()
        return entries_within(queryset, unit) if unit else queryset.none()

    def filter_field(self, queryset: QuerySet[Entry], name: str, value: Field) -> QuerySet[Entry]:
        return queryset.filter(field__in=[value, *value.subfields.all()])

    def filter_in_force(self, queryset: QuerySet[Entry], name: str, value: Any) -> QuerySet[Entry]:
        return entries_in_force(queryset, int(value))

    def filter_sort(self, queryset: QuerySet[Entry], name: str, value: str) -> QuerySet[Entry]:
        return queryset.order_by(SORTS[value], "pk")
