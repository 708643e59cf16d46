"""REST API for units and lineage; every query goes through the user's scope."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.accounts.selectors import units_listed, units_visible
from danvan.organisation.filters import UnitFilter
from danvan.units.models import LineageEvent, LineageLink, Unit
from danvan.units.selectors import unit_ancestors, unit_predecessors, unit_successors


class UnitSerializer(serializers.ModelSerializer):
    level = serializers.CharField(source="level.code", read_only=True)
    kind = serializers.CharField(source="kind.code", read_only=True)
    # A field named "parent" shadows Field.parent in the stubs only; DRF handles it.
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]
    successor = serializers.SerializerMethodField()

    def get_parent(self, unit: Unit) -> int | None:
        """The parent's id, when the caller may see the parent."""
        return unit.parent_id if getattr(unit, "parent_visible", False) else None

    def get_successor(self, unit: Unit) -> int | None:
        """The default successor's id, when the caller may see it."""
        return unit.successor_id if getattr(unit, "successor_visible", False) else None

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "level",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
            "successor",
            "latitude",
            "longitude",
            "is_sample",
        ]


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "valid_from", "valid_until"]


class LineageLinkSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="event.kind")
    effective_date = serializers.DateField(source="event.effective_date")
    decision = serializers.CharField(source="event.decision")
    predecessor = UnitBriefSerializer()
    successor = UnitBriefSerializer(allow_null=True)

    class Meta:
        model = LineageLink
        fields = [
            "event",
            "kind",
            "effective_date",
            "decision",
            "predecessor",
            "successor",
            "is_default",
        ]


class UnitLineageSerializer(serializers.Serializer):
    predecessors = LineageLinkSerializer(many=True)
    successors = LineageLinkSerializer(many=True)


class LineageEventSerializer(serializers.ModelSerializer):
    links = LineageLinkSerializer(many=True)

    class Meta:
        model = LineageEvent
        fields = ["id", "kind", "effective_date", "decision", "note", "links"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units the caller may see: those under their role assignments, and what merged into them."""

    serializer_class = UnitSerializer
    filterset_class = UnitFilter

    def get_queryset(self) -> QuerySet[Unit]:
        visible = units_visible(self.request.user)
        return (
            units_listed(self.request.user)
            .annotate(successor_visible=Exists(visible.filter(pk=OuterRef("successor_id"))))
            .select_related("level", "kind")
            .order_by("path")
        )

    @extend_schema(responses=UnitSerializer(many=True))
    @action(detail=True, pagination_class=None, filter_backends=[])  # one short chain, whole
    def ancestors(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        visible = set(
            self.get_queryset().filter(pk__in=unit.ancestor_ids).values_list("pk", flat=True)
        )
        ancestors = [a for a in unit_ancestors(unit=unit) if a.pk in visible]
        return Response(UnitSerializer(ancestors, many=True).data)

    @extend_schema(responses=UnitLineageSerializer)
    @action(detail=True)
    def lineage(self, request: Request, pk: str | None = None) -> Response:
        unit = self.get_object()
        visible = self.get_queryset()
        data = {
            "predecessors": unit_predecessors(unit=unit, among=visible),
            "successors": unit_successors(unit=unit, among=visible),
        }
        return Response(UnitLineageSerializer(data).data)


class LineageEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Structural changes, with only the links whose units the caller may see."""

    serializer_class = LineageEventSerializer

    def get_queryset(self) -> QuerySet[LineageEvent]:
        visible = units_visible(self.request.user).values("pk")
        links = LineageLink.objects.filter(predecessor__in=visible).filter(
            Q(successor__isnull=True) | Q(successor__in=visible)
        )
        return (
            LineageEvent.objects.filter(pk__in=links.values("event_id"))
            .prefetch_related(
                Prefetch(
                    "links",
                    queryset=links.select_related("predecessor", "successor", "event"),
                )
            )
            .order_by("-effective_date", "-id")
        )
