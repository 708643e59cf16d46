"""REST API for the citizens' voice: scoped reads, and filing through the same service as the
page. A citizen's contact is written through the API but never read back from it."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, serializers

from danvan.capability.api import ReadOnlyRecordViewSet, RecordViewSet
from danvan.voice.filters import MoodReportFilter, PetitionFilter
from danvan.voice.models import HotspotAlert, MoodReport, Petition, Topic
from danvan.voice.selectors import (
    alerts_listed,
    communes_visible,
    dialogues_visible,
    handler_units,
    mood_reports_visible,
    petitions_visible,
)
from danvan.voice.services import petition_file

CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_address"]


class PetitionSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(slug_field="code", queryset=Topic.objects.all())

    class Meta:
        model = Petition
        fields = [
            "id",
            "code",
            "source",
            "dialogue",
            "topic",
            "commune",
            "unit",
            "escalated_to",
            "escalation_level",
            "severity",
            "title",
            "text",
            *CONTACT_FIELDS,
            "state",
            "received_at",
            "acknowledge_due",
            "handle_due",
            "answer",
            "answered_at",
            "rating",
            "is_sample",
        ]
        read_only_fields = [
            "code",
            "escalated_to",
            "escalation_level",
            "state",
            "received_at",
            "acknowledge_due",
            "handle_due",
            "answer",
            "answered_at",
            "rating",
            "is_sample",
        ]
        extra_kwargs = {name: {"write_only": True} for name in CONTACT_FIELDS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        fields: Any = self.fields
        fields["commune"].queryset = communes_visible(request.user)
        fields["unit"].queryset = handler_units(request.user)
        fields["unit"].required = False
        fields["dialogue"].queryset = dialogues_visible(request.user)


class PetitionViewSet(
    # First: its perform_create files the petition through the service (service_refusals).
    RecordViewSet[Petition],
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
):
    """Petitions (kiến nghị, phản ánh) of the units within the caller's scope."""

    serializer_class = PetitionSerializer
    filterset_class = PetitionFilter

    def records(self) -> QuerySet[Petition]:
        return petitions_visible(self.request.user)

    def create_record(self, data: dict[str, Any]) -> Petition:
        return petition_file(actor=self.actor, **data)


class MoodReportSerializer(serializers.ModelSerializer):
    topic: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = MoodReport
        fields = [
            "id",
            "unit",
            "commune",
            "date",
            "topic",
            "tone",
            "opinions",
            "notable",
            "is_sample",
        ]


class MoodReportViewSet(ReadOnlyRecordViewSet[MoodReport]):
    """Reports of the people's mood within the caller's scope."""

    serializer_class = MoodReportSerializer
    filterset_class = MoodReportFilter

    def records(self) -> QuerySet[MoodReport]:
        return mood_reports_visible(self.request.user)


class HotspotAlertSerializer(serializers.ModelSerializer):
    topic: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = HotspotAlert
        fields = [
            "id",
            "province",
            "commune",
            "communes",
            "topic",
            "method",
            "level",
            "week_start",
            "count",
            "statistic",
            "baseline",
            "threshold",
            "p_value",
            "explanation",
            "petitions",
            "mood_reports",
            "status",
        ]


class HotspotAlertViewSet(ReadOnlyRecordViewSet[HotspotAlert]):
    """Hot-spot alerts of the communes within the caller's scope."""

    serializer_class = HotspotAlertSerializer

    def records(self) -> QuerySet[HotspotAlert]:
        return alerts_listed(self.request.user)
