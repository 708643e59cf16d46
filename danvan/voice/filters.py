"""One filter set per list: the page and the API share them."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.widgets import BooleanWidget

from danvan.common.forms import posted_id
from danvan.voice.models import (
    AlertLevel,
    AlertStatus,
    HotspotAlert,
    Method,
    MoodReport,
    Petition,
    Severity,
    Source,
    State,
    Tone,
    Topic,
)
from danvan.voice.selectors import overdue_q, petitions_matching

ALL = _("All")


class YesNoAll(BooleanWidget):
    """A yes-or-no filter whose empty choice reads "All" (the API still takes true/false)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", ALL), ("true", _("Yes")), ("false", _("No"))]


DAY = {"placeholder": "dd/mm/yyyy"}


class PetitionFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Subject or tracking code (diacritics optional)"), method="filter_text"
    )
    state = filters.ChoiceFilter(label=_("State"), choices=State.choices, empty_label=ALL)
    severity = filters.ChoiceFilter(label=_("Severity"), choices=Severity.choices, empty_label=ALL)
    source = filters.ChoiceFilter(label=_("Source"), choices=Source.choices, empty_label=ALL)
    topic = filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="code", empty_label=ALL
    )
    overdue = filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=YesNoAll)
    escalated = filters.BooleanFilter(
        label=_("Escalated"), method="filter_escalated", widget=YesNoAll
    )
    date_from = filters.DateFilter(
        label=_("Received from"),
        field_name="received_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs=DAY),
    )
    date_to = filters.DateFilter(
        label=_("Received until"),
        field_name="received_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs=DAY),
    )
    commune = filters.NumberFilter(label=_("Commune id"), field_name="commune_id")

    class Meta:
        model = Petition
        fields = [
            "q",
            "state",
            "severity",
            "source",
            "topic",
            "overdue",
            "escalated",
            "date_from",
            "date_to",
            "commune",
        ]

    def filter_text(
        self, queryset: QuerySet[Petition], name: str, value: str
    ) -> QuerySet[Petition]:
        return petitions_matching(queryset, value)

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
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="code", empty_label=ALL
    )
    tone = filters.ChoiceFilter(label=_("Tone"), choices=Tone.choices, empty_label=ALL)
    commune = filters.NumberFilter(label=_("Commune id"), field_name="commune_id")
    since = filters.DateFilter(
        label=_("From"),
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs=DAY),
    )

    class Meta:
        model = MoodReport
        fields = ["topic", "tone", "commune", "since"]


class AlertFilter(filters.FilterSet):
    """The hot-spot page's list (its province is the page's own choice, shown on the map):
    by default only the alerts not yet resolved (`open=0` shows every one)."""

    topic = filters.ModelChoiceFilter(
        label=_("Topic"), queryset=Topic.objects.all(), to_field_name="code", empty_label=ALL
    )
    level = filters.ChoiceFilter(label=_("Level"), choices=AlertLevel.choices, empty_label=ALL)
    method = filters.ChoiceFilter(label=_("Method"), choices=Method.choices, empty_label=ALL)
    open = filters.ChoiceFilter(
        label=_("Alerts"),
        choices=[("1", _("Not yet resolved")), ("0", _("Resolved too"))],
        empty_label=None,
        method="filter_open",
    )
    commune = filters.CharFilter(label=_("Commune id"), method="filter_commune")

    class Meta:
        model = HotspotAlert
        fields = ["topic", "level", "method", "open", "commune"]

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and data.get("open") not in ("0", "1"):
            data = data.copy()
            data["open"] = "1"
        super().__init__(data, *args, **kwargs)

    def filter_open(
        self, queryset: QuerySet[HotspotAlert], name: str, value: str
    ) -> QuerySet[HotspotAlert]:
        return queryset.exclude(status=AlertStatus.RESOLVED) if value == "1" else queryset

    def filter_commune(
        self, queryset: QuerySet[HotspotAlert], name: str, value: str
    ) -> QuerySet[HotspotAlert]:
        """Alerts whose cluster holds the commune (an id that names nothing finds nothing)."""
        return queryset.filter(communes=posted_id(value)).distinct()
