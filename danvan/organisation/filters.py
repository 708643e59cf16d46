"""One filter set for unit lists: the pages, the API and (later) exports share it."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.units.models import Unit, UnitKind, UnitLevel
from danvan.units.selectors import units_matching


class UnitFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    level = filters.ModelChoiceFilter(
        label=_("Level"), queryset=UnitLevel.objects.all(), to_field_name="code"
    )
    kind = filters.ModelChoiceFilter(
        label=_("Kind"), queryset=UnitKind.objects.all(), to_field_name="code"
    )
    on = filters.DateFilter(label=_("Valid on (dd/mm/yyyy)"), method="filter_on")
    parent = filters.NumberFilter(label=_("Parent unit id"), field_name="parent_id")
    code = filters.CharFilter(label=_("Code"), field_name="code")

    class Meta:
        model = Unit
        fields = ["q", "level", "kind", "on", "parent", "code"]

    def filter_text(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return units_matching(queryset, value)

    def filter_on(self, queryset: QuerySet[Unit], name: str, value: object) -> QuerySet[Unit]:
        return queryset.valid_on(value)  # type: ignore[attr-defined]
