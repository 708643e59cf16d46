"""Who acts, and whether they may: the typed actor behind a request, and the one check every
service makes before it writes ("this actor may do this at this unit")."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.request import Request

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import user_acts_for, user_can
from danvan.units.models import Unit

# The one who writes: a signed-in user, or None for danvan itself (the official loader, the
# worker, the demo, a data migration), which may do anything.
Actor = User | None


def actor_of(request: HttpRequest | Request) -> User:
    """The signed-in user behind a request; PermissionDenied for anyone else (views that call
    it are behind login_required, so this only refuses what should never get there)."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


def may(actor: Actor, role: Role, unit: Unit, *, at_unit: bool = False) -> bool:
    """Whether the actor holds `role` (or a higher one) over `unit`; with `at_unit`, at the
    unit itself, not only above it (each level of a review speaks for itself)."""
    if actor is None:
        return True
    return (user_acts_for if at_unit else user_can)(actor, role, unit)


def require(actor: Actor, role: Role, unit: Unit, *, at_unit: bool = False) -> None:
    """Refuse, in Vietnamese, unless the actor may (see `may`)."""
    if not may(actor, role, unit, at_unit=at_unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit})
