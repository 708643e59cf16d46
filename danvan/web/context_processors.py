from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from danvan.accounts.selectors import home_units
from danvan.capability.declaration import capabilities


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEMO": settings.DEMO,
        # Lazy: only pages that show the user's unit pay for the query.
        "user_units": SimpleLazyObject(lambda: home_units(user) if user else []),
        "menu": sorted(
            (c for c in capabilities() if c.menu is not None),
            key=lambda c: c.menu.order if c.menu else 0,
        ),
    }
