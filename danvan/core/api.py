"""What the API shares: its error answers and its HTML pages."""

from collections.abc import Mapping
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from django.http import Http404
from rest_framework import renderers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's, but a missing or out-of-scope object reads "Không tìm thấy." like any other
    404, not Django's English "No Entry matches the given query." (which names the model)."""
    if isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's HTML pages of the API. Their template has inline styles (and no inline
    script), so on these pages alone the content security policy lets styles be inline."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> Any:
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": [SELF, UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
