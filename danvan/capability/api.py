"""What every capability's API shares: reads through the capability's scoped selector, writes
through its services, and their refusals as the API's answers (403, 400 in Vietnamese)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError

from danvan.accounts.models import User
from danvan.accounts.permissions import actor_of

M = TypeVar("M", bound=models.Model)


@contextmanager
def service_refusals() -> Iterator[None]:
    """A service's refusal as the API's: PermissionDenied is 403, ValidationError is 400 with
    the messages by field (or as a list)."""
    try:
        yield
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise ValidationError(detail) from exc


class RecordViewSet(viewsets.GenericViewSet, Generic[M]):
    """Reads `records()` (the capability's selector for the caller). Subclasses add DRF's
    mixins for what they serve and, for writes, `create_record` and `update_record`."""

    def records(self) -> QuerySet[M]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[M]:
        return self.records()

    @property
    def actor(self) -> User:
        return actor_of(self.request)

    def create_record(self, data: dict[str, Any]) -> M:
        raise NotImplementedError

    def update_record(self, record: M, data: dict[str, Any]) -> M:
        raise NotImplementedError

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new record starts at the first version
        with service_refusals():
            serializer.instance = self.create_record(data)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        with service_refusals():
            serializer.instance = self.update_record(self.get_object(), serializer.validated_data)


class ReadOnlyRecordViewSet(
    RecordViewSet[M], mixins.ListModelMixin, mixins.RetrieveModelMixin, Generic[M]
):
    """Lists and shows the caller's records; nothing is written through it."""


class EditableRecordViewSet(
    # First: its perform_create and perform_update call the services, where DRF's mixins
    # would save the serializer straight into the database.
    RecordViewSet[M],
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    Generic[M],
):
    """Lists, shows, creates and changes (PATCH) the caller's records through the services."""

    http_method_names = ["get", "post", "patch", "head", "options"]
