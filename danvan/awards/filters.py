"""The filter sets of the award lists (awards given, people), shared by pages and exports."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.awards.models import Award, AwardType, Person, PersonCategory, RecipientKind
from danvan.awards.selectors import people_matching, people_within
from danvan.common.filters import IntegerFilter
from danvan.common.text import query_words
from danvan.units.models import Unit


class StyledFilterSet(filters.FilterSet):
    """Bootstrap classes on the filter bar's fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"


class AwardFilter(StyledFilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    award_type = filters.ModelChoiceFilter(
        label=_("Award"),
        queryset=AwardType.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )
    recipient_kind = filters.ChoiceFilter(
        label=_("Recipient"), choices=RecipientKind.choices, empty_label=_("All")
    )
    year = IntegerFilter(
        label=_("Year"),
        field_name="decided_on",
        lookup_expr="year",
        min_value=1945,
        max_value=2100,
    )
    within = filters.NumberFilter(label=_("Unit (and below)"), method="filter_within")
    state = filters.ChoiceFilter(
        label=_("State"),
        choices=[("in-force", _("In force")), ("revoked", _("Revoked"))],
        method="filter_state",
        empty_label=_("All"),
    )

    class Meta:
        model = Award
        fields = ["q", "award_type", "recipient_kind", "year", "within"]

    def filter_text(self, queryset: QuerySet[Award], name: str, value: str) -> QuerySet[Award]:
        for word in query_words(value):
            queryset = queryset.filter(person__search_key__contains=f" {word}") | queryset.filter(
                collective_name__icontains=word
            )
        return queryset

    def filter_state(self, queryset: QuerySet[Award], name: str, value: str) -> QuerySet[Award]:
        return queryset.filter(revoked_on__isnull=value == "in-force")

    def filter_within(self, queryset: QuerySet[Award], name: str, value: Any) -> QuerySet[Award]:
        unit = Unit.objects.filter(pk=value).first()
        return (
            queryset.filter(unit__current_path__startswith=unit.path) if unit else queryset.none()
        )


class PersonFilter(StyledFilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text")
    category = filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=PersonCategory.objects.all(),
        to_field_name="code",
        empty_label=_("All"),
    )
    within = filters.NumberFilter(label=_("Unit (and below)"), method="filter_within")

    class Meta:
        model = Person
        fields = ["q", "category", "within"]

    def filter_text(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return people_matching(queryset, value)

    def filter_within(self, queryset: QuerySet[Person], name: str, value: Any) -> QuerySet[Person]:
        unit = Unit.objects.filter(pk=value).first()
        return people_within(queryset, unit) if unit else queryset.none()
