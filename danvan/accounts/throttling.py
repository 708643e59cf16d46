"""Login throttling: django-axes counts failed logins per username and client address and
locks the pair out for a while (settings AXES_*, from DANVAN_LOGIN_* in the environment)."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses every login of a locked-out username and address; logs no one in itself.

    Every login that comes over HTTP (the login page, the admin, the API token) passes its
    request. A call without one (the test client's `login()`, a shell) has no client address
    to count, so it is left to the next backend instead of failing."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or behind DANVAN_TRUSTED_PROXIES reverse
    proxies the one the outermost proxy appended to X-Forwarded-For. Entries further left
    come from the client and could be forged."""
    proxies = settings.TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


# axes keeps the username it counts in a column of 255 characters.
COUNTED_USERNAME_LENGTH = 255


def counted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The username a failed login is counted under, cut to what axes stores: Django's login
    form does not enforce its length, and a pasted page as a username would otherwise fail
    the login with a database error instead of a refusal."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field)
    return username[:COUNTED_USERNAME_LENGTH] if isinstance(username, str) else None


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed logins with this username from your address. "
        "Try again after %(minutes)s minutes, or ask an administrator."
    ) % {"minutes": minutes}


def locked_out(request: Any) -> bool:
    """Whether django-axes refused this login attempt (it marks the request)."""
    return bool(getattr(request, "axes_locked_out", False))
