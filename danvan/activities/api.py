"""REST API for activities: one viewset per kind, scoped reads, writes through the services."""

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError

from danvan.activities.filters import (
    ConferenceFilter,
    DialogueFilter,
    DocumentFilter,
    InspectionFilter,
    WorkTaskFilter,
)
from danvan.activities.models import (
    Activity,
    Conference,
    Dialogue,
    Document,
    Inspection,
    WorkTask,
)
from danvan.activities.selectors import activities_visible, editable_units
from danvan.activities.services import activity_create, activity_delete, activity_update
from danvan.common.locking import VersionedSerializer
from danvan.units.models import Unit, UnitLevel

COMMON_FIELDS = [
    "id",
    "unit",
    "date",
    "title",
    "is_sample",
    "created_at",
    "updated_at",
    "version",
]
COMMON_READ_ONLY = ["is_sample", "created_at", "updated_at"]


class ActivitySerializer(VersionedSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Why a record is changed; kept in the change log.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The same units as the page's form: those the caller edits, so an id outside the
        scope is refused exactly like one that does not exist."""
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        fields: Any = self.fields
        fields["unit"].queryset = editable_units(request.user)


class ConferenceSerializer(ActivitySerializer):
    class Meta:
        model = Conference
        fields = [
            *COMMON_FIELDS,
            "kind",
            "by_sector",
            "target_group",
            "persons",
            "attendances",
            "reason",
        ]
        read_only_fields = COMMON_READ_ONLY


class DocumentSerializer(ActivitySerializer):
    class Meta:
        model = Document
        fields = [*COMMON_FIELDS, "code", "number", "doc_type", "issuer", "role", "reason"]
        read_only_fields = [*COMMON_READ_ONLY, "number", "doc_type", "issuer"]


class InspectionSerializer(ActivitySerializer):
    class Meta:
        model = Inspection
        fields = [*COMMON_FIELDS, "kind", "organisations", "members", "conclusions", "reason"]
        read_only_fields = COMMON_READ_ONLY


class DialogueSerializer(ActivitySerializer):
    level = serializers.SlugRelatedField(slug_field="code", queryset=UnitLevel.objects.all())

    class Meta:
        model = Dialogue
        fields = [
            *COMMON_FIELDS,
            "kind",
            "level",
            "leader",
            "participants",
            "opinions_raised",
            "opinions_answered",
            "note",
            "reason",
        ]
        read_only_fields = COMMON_READ_ONLY


class WorkTaskSerializer(ActivitySerializer):
    is_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = WorkTask
        fields = [
            *COMMON_FIELDS,
            "plan",
            "assignee",
            "responsibility",
            "method",
            "expected_result",
            "deadline",
            "progress",
            "result",
            "done_on",
            "is_late",
            "reason",
        ]
        read_only_fields = COMMON_READ_ONLY


def _service_errors(exc: Exception) -> Exception:
    if isinstance(exc, DjangoPermissionDenied):
        return PermissionDenied(str(exc))
    assert isinstance(exc, DjangoValidationError)
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return ValidationError(detail)


@extend_schema_view(
    destroy=extend_schema(
        parameters=[
            OpenApiParameter(
                "reason", OpenApiTypes.STR, description="Why it is deleted; kept in the change log."
            )
        ]
    )
)
class ActivityViewSet(viewsets.ModelViewSet):
    """Activities of one kind within the caller's scope; writes need the editor role."""

    model: ClassVar[type[Activity]]

    def get_queryset(self) -> QuerySet[Any]:
        return activities_visible(self.request.user, self.model)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("reason", None)
        data.pop("version", None)  # a new record starts at the first version
        try:
            serializer.instance = activity_create(
                actor=self.request.user,  # type: ignore[arg-type]
                model=self.model,
                **data,
            )
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            raise _service_errors(exc) from exc

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        try:
            serializer.instance = activity_update(
                actor=self.request.user,  # type: ignore[arg-type]
                activity=self.get_object(),
                reason=reason,
                **data,
            )
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            raise _service_errors(exc) from exc

    def perform_destroy(self, instance: Activity) -> None:
        try:
            activity_delete(
                actor=self.request.user,  # type: ignore[arg-type]
                activity=instance,
                reason=self.request.query_params.get("reason", ""),
            )
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            raise _service_errors(exc) from exc


class ConferenceViewSet(ActivityViewSet):
    """Conferences and trainings (hội nghị, lớp tập huấn)."""

    model = Conference
    serializer_class = ConferenceSerializer
    filterset_class = ConferenceFilter


class DocumentViewSet(ActivityViewSet):
    """Documents issued (văn bản ban hành); number, type and issuer are read from the code."""

    model = Document
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter


class InspectionViewSet(ActivityViewSet):
    """Inspections and supervisions (kiểm tra, giám sát)."""

    model = Inspection
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter


class DialogueViewSet(ActivityViewSet):
    """Dialogues between leaders and citizens (tiếp xúc, đối thoại)."""

    model = Dialogue
    serializer_class = DialogueSerializer
    filterset_class = DialogueFilter


class WorkTaskViewSet(ActivityViewSet):
    """Key tasks of work plans, with the five "rõ"."""

    model = WorkTask
    serializer_class = WorkTaskSerializer
    filterset_class = WorkTaskFilter
