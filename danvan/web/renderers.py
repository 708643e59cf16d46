"""The API's HTML pages. Its own module: DRF imports renderers while its views load, so this
one must not import anything that needs them (drf-spectacular's schema does)."""

from collections.abc import Mapping
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from rest_framework import renderers


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
