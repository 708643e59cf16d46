"""REST API for awards: people, awards given (with their statistics) and proposal batches,
read through the caller's scope. Writes go through the pages, where each step is reviewed."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.awards.filters import AwardFilter, PersonFilter
from danvan.awards.models import Award, Batch, Person, ProposalLine
from danvan.awards.selectors import (
    award_statistics,
    awards_visible,
    batches_visible,
    people_visible,
)


class PersonSerializer(serializers.ModelSerializer):
    category: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "code",
            "full_name",
            "birth_date",
            "gender",
            "category",
            "unit",
            "position",
            "died_on",
            "is_sample",
        ]


class AwardSerializer(serializers.ModelSerializer):
    award_type: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    person: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Award
        fields = [
            "id",
            "award_type",
            "recipient_kind",
            "person",
            "collective_name",
            "unit",
            "decided_on",
            "decision_number",
            "giver",
            "achievement",
            "revoked_on",
            "revoke_reason",
            "is_sample",
        ]


class LineSerializer(serializers.ModelSerializer):
    award_type: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    person: "serializers.SlugRelatedField[Any]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = ProposalLine
        fields = [
            "id",
            "recipient_kind",
            "person",
            "collective_name",
            "unit",
            "award_type",
            "achievement",
            "verdict",
            "status",
            "reason",
        ]


class BatchSerializer(serializers.ModelSerializer):
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = Batch
        fields = ["id", "code", "title", "unit", "decider", "at_unit", "status", "year", "lines"]


class AwardStatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    revoked = serializers.IntegerField()
    by_type = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    by_giver = serializers.DictField(child=serializers.IntegerField())
    by_year = serializers.DictField(child=serializers.IntegerField())


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People of the caller's scope (merged duplicates left out)."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[Person]:
        return people_visible(self.request.user)


class AwardViewSet(viewsets.ReadOnlyModelViewSet):
    """Awards given to people and collectives of the caller's scope."""

    serializer_class = AwardSerializer
    filterset_class = AwardFilter

    def get_queryset(self) -> QuerySet[Award]:
        return awards_visible(self.request.user)

    @extend_schema(responses=AwardStatisticsSerializer)
    @action(detail=False)
    def statistics(self, request: Request) -> Response:
        """The filtered awards by type and recipient, by giver and by year."""
        stats = award_statistics(self.filter_queryset(self.get_queryset()))
        return Response(
            AwardStatisticsSerializer(
                {
                    "total": stats.total,
                    "revoked": stats.revoked,
                    "by_type": {
                        name: {"individual": i, "collective": c} for name, i, c in stats.by_type
                    },
                    "by_giver": dict(stats.by_giver),
                    "by_year": {str(year): n for year, n in stats.by_year},
                }
            ).data
        )


class BatchViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposal batches drawn up in, or waiting at, the caller's scope."""

    serializer_class = BatchSerializer

    def get_queryset(self) -> QuerySet[Batch]:
        return batches_visible(self.request.user).prefetch_related(
            "lines__person", "lines__award_type"
        )
