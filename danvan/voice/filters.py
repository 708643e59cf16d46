"""One filter set per list: the page and the API share them."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from danvan.voice.models import MoodReport, Petition, Severity, Source, State, Tone, Topic
from danvan.voice.selectors import overdue_q


class PetitionFilter(filters.FilterSet):
    state = filters.ChoiceFilter(label=_("State"), choices=State.choices)
    severity = filters.ChoiceFilter(label=_("Severity"), choices=Severity.choices)
    source = filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    topic = filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="code"
    )
    overdue = filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    escalated = filters.BooleanFilter(label=_("Escalated"), method="filter_escalated")
    commune = filters.NumberFilter(label=_("Commune id"), field_name="commune_id")

    class Meta:
        model = Petition
        fields = ["state", "severity", "source", "topic", "overdue", "escalated", "commune"]

    def filter_overdue(
        self, queryset: QuerySet[Petition], name: str, value: Any
    ) -> QuerySet[Petition]:
        condition = overdue_q(timezone.now())
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_escalated(
        self, queryset: QuerySet[Petition], name: str, value: Any
    ) -> QuerySet[Petition]:
        return (
            queryset.filter(escalation_level__gt=0)
            if value
            else queryset.filter(escalation_level=0)
        )


class MoodReportFilter(filters.FilterSet):
    topic = filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="code"
    )
    tone = filters.ChoiceFilter(label=_("Tone"), choices=Tone.choices)
    commune = filters.NumberFilter(label=_("Commune id"), field_name="commune_id")
    since = filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")

    class Meta:
        model = MoodReport
        fields = ["topic", "tone", "commune", "since"]
