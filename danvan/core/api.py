"""What the API shares: its error answers and its schema."""

from typing import Any

from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from danvan.core.locking import StaleEdit, VersionedSerializer


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's, but a missing or out-of-scope object reads "Không tìm thấy." like any other
    404, not Django's English "No Entry matches the given query." (which names the model).
    A change to a record that changed since it was read is a 409 Conflict."""
    if isinstance(exc, StaleEdit):
        return Response(
            {"detail": exc.message, "version": exc.current.version},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)


class StaleEditSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Who changed the record, when, and what to do.")
    version = serializers.IntegerField(help_text="The record's version now.")


class Schema(AutoSchema):
    """drf-spectacular's, with the 409 Conflict of a change to a versioned record."""

    def get_response_serializers(self) -> Any:
        serializer = super().get_response_serializers()
        if self.method in ("PUT", "PATCH") and isinstance(serializer, VersionedSerializer):
            conflict = OpenApiResponse(
                StaleEditSerializer,
                description="The record changed since the version sent: nothing was written.",
            )
            return {200: serializer, 409: conflict}
        return serializer
