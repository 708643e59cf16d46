"""What the API shares: its error answers and its schema."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from danvan.audit.selectors import stale_edit_message
from danvan.common.locking import StaleEdit, VersionedSerializer


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's, but a missing or out-of-scope object reads "Không tìm thấy." like any other
    404, not Django's English "No Entry matches the given query." (which names the model),
    and a body that cannot be parsed says so in Vietnamese, not with the parser's English.
    A change to a record that changed since it was read is a 409 Conflict."""
    if isinstance(exc, StaleEdit):
        return Response(
            {"detail": stale_edit_message(exc.current), "version": exc.current.version},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        exc = NotFound()
    elif isinstance(exc, ParseError):
        exc = ParseError(_("The content of the request cannot be read."))
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


ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    # A serializer's errors: the messages by field (nested for nested fields), or a list.
    "ValidationError": {
        "oneOf": [
            {"type": "object", "additionalProperties": True},
            {"type": "array", "items": {"type": "string"}},
        ]
    },
}


def _error(description: str, schema: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular documents only the success of each operation; add the refusals it may
    answer, so that the schema tells a client every status it can get: 400 for a body or a
    filter it cannot accept, 401/403 without sign-in or permission, 404 for an object (or a
    page) that does not exist or lies outside the caller's scope."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path, operations in result["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            if "requestBody" in operation or set(query) - {"page"}:
                responses.setdefault("400", _error("Invalid input.", "ValidationError"))
            if {} not in operation.get("security", [{}]):
                responses.setdefault("401", _error("Not signed in.", "Error"))
                responses.setdefault("403", _error("Not permitted.", "Error"))
            if "{" in path or "page" in query:
                responses.setdefault("404", _error("Not found, or outside your scope.", "Error"))
    return result
