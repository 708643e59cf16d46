"""REST API for the registry: scoped reads, writes through the services, statistics."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.capability.api import EditableRecordViewSet, service_refusals
from danvan.common.locking import VersionedSerializer
from danvan.registry.filters import EntryFilter
from danvan.registry.models import Entry, Field, MovementPeriod, Status, Transition
from danvan.registry.selectors import (
    communes_for,
    entries_visible,
    entry_statistics,
    owner_units,
)
from danvan.registry.services import entry_create, entry_transition, entry_update
from danvan.units.models import Unit


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Transition
        fields = ["from_status", "to_status", "date", "decision_code", "note"]


class EntrySerializer(VersionedSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), allow_null=True, required=False
    )
    field = serializers.SlugRelatedField(slug_field="code", queryset=Field.objects.all())
    period = serializers.SlugRelatedField(slug_field="code", queryset=MovementPeriod.objects.all())
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "exemplar_type",
            "unit",
            "commune",
            "field",
            "period",
            "description",
            "method",
            "results",
            "result_figure",
            "result_measure",
            "leader",
            "start_date",
            "copies",
            "status",
            "status_date",
            "is_sample",
            "transitions",
            "version",
        ]
        read_only_fields = ["code", "status", "status_date", "is_sample"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The same choices as the page's form: what the caller may use, nothing else, so an
        id outside the scope is refused exactly like one that does not exist."""
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        fields: Any = self.fields
        fields["unit"].queryset = owner_units(request.user)
        fields["commune"].queryset = communes_for(request.user)
        fields["copies"].queryset = entries_visible(request.user)

    def to_representation(self, instance: Entry) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not getattr(instance, "copies_visible", False):
            data["copies"] = None  # the entry it copies lies outside the caller's scope
        return data


class TransitionRequestSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    on = serializers.DateField()
    decision_code = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_kind = serializers.DictField(child=serializers.IntegerField())
    collective = serializers.IntegerField()
    individual = serializers.IntegerField()
    by_field = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


class EntryViewSet(EditableRecordViewSet[Entry]):
    """Models and exemplars of the "Dân vận khéo" movement within the caller's scope."""

    serializer_class = EntrySerializer
    filterset_class = EntryFilter

    def records(self) -> QuerySet[Entry]:
        return entries_visible(self.request.user).prefetch_related("transitions")

    def create_record(self, data: dict[str, Any]) -> Entry:
        return entry_create(actor=self.actor, **data)

    def update_record(self, record: Entry, data: dict[str, Any]) -> Entry:
        return entry_update(actor=self.actor, entry=record, **data)

    @extend_schema(request=TransitionRequestSerializer, responses=EntrySerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        entry = self.get_object()
        data = TransitionRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with service_refusals():
            entry_transition(
                actor=self.actor,
                entry=entry,
                to=Status(data.validated_data["to"]),
                on=data.validated_data["on"],
                decision_code=data.validated_data["decision_code"],
                note=data.validated_data["note"],
            )
        entry.refresh_from_db()
        return Response(
            EntrySerializer(entry, context={"request": request}).data, status=status.HTTP_200_OK
        )

    @extend_schema(responses=StatisticsSerializer)
    @action(detail=False)
    def statistics(self, request: Request) -> Response:
        """Counts of the filtered entries by field by kind by status (the statistics page's)."""
        queryset = self.filter_queryset(self.get_queryset())
        stats = entry_statistics(queryset)
        return Response(
            StatisticsSerializer(
                {
                    "total": stats.total,
                    "by_status": stats.by_status,
                    "by_kind": stats.by_kind,
                    "collective": stats.collective,
                    "individual": stats.individual,
                    "by_field": {name: cells for name, cells, _total in stats.rows},
                }
            ).data
        )
