"""Scope: what a user may see and do. Every list, page, export and API call reads through here.

An assignment at unit X covers every record whose unit counts under X today: X, everything
below it, and the units merged into it (their `current_path` points below X's `path`). Deny by
default: a user with no assignment sees nothing, and a record outside the scope is treated as
missing. An assignment at a unit that has since ended covers nothing: its records now count
elsewhere, and roles do not follow a merge by themselves (an administrator moves them).
"""

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import ROLE_RANK, Role, RoleAssignment
from danvan.units.models import Unit
from danvan.units.selectors import children_of

M = TypeVar("M", bound=models.Model)
AnyUser = AbstractBaseUser | AnonymousUser


def _assignments(user: AnyUser, minimum: Role) -> list[RoleAssignment]:
    """The user's roles of at least `minimum` at units in force today. A role at an ended
    unit covers nothing: a merged unit's records have moved away from its path, but an
    abolished unit keeps them there, so the role itself must be skipped."""
    if not user.is_authenticated:
        return []
    wanted = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[minimum]]
    today = timezone.localdate()
    return list(
        RoleAssignment.objects.filter(user_id=user.pk, role__in=wanted, unit__isnull=False)
        .filter(Q(unit__valid_until__isnull=True) | Q(unit__valid_until__gte=today))
        .select_related("unit")
    )


def scope_q(user: AnyUser, *, unit_field: str = "unit", minimum: Role = Role.VIEWER) -> Q:
    """A filter for the records the user may reach through `unit_field` ("" for units)."""
    prefix = f"{unit_field}__" if unit_field else ""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    condition = Q(pk__in=[])
    for assignment in _assignments(user, minimum):
        condition |= Q(**{f"{prefix}current_path__startswith": assignment.unit.path})
    return condition


def scoped(
    user: AnyUser, queryset: QuerySet[M], *, unit_field: str = "unit", minimum: Role = Role.VIEWER
) -> QuerySet[M]:
    return queryset.filter(scope_q(user, unit_field=unit_field, minimum=minimum))


def units_visible(user: AnyUser) -> QuerySet[Unit]:
    return scoped(user, Unit.objects.all(), unit_field="")


def units_listed(user: AnyUser) -> QuerySet[Unit]:
    """Visible units, each with `parent_visible`: whether its parent may be shown to the user."""
    visible = units_visible(user)
    return visible.annotate(parent_visible=Exists(visible.filter(pk=OuterRef("parent_id"))))


def children_visible(user: AnyUser, *, unit: Unit, on: dt.date) -> QuerySet[Unit]:
    """The visible units directly below `unit` on the date, each with its visible child count."""
    return children_of(unit=unit, on=on, among=units_visible(user))


def unit_get(user: AnyUser, *, pk: int) -> Unit:
    """The unit if the user may see it; 404 otherwise, as if it did not exist."""
    unit = units_visible(user).select_related("level", "kind", "parent", "successor").filter(pk=pk)
    found = unit.first()
    if found is None:
        raise Http404
    return found


def user_can(user: AnyUser, role: Role, unit: Unit) -> bool:
    """Whether the user holds `role` (or a higher one) over `unit`."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(
        unit.current_path.startswith(assignment.unit.path)
        for assignment in _assignments(user, role)
    )


def user_acts_for(user: AnyUser, role: Role, unit: Unit) -> bool:
    """Whether the user holds `role` (or a higher one) at `unit` itself, not only above it:
    each level of a review speaks for itself, a level above does not stand in for it."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(assignment.unit.pk == unit.pk for assignment in _assignments(user, role))


def home_units(user: AnyUser) -> list[Unit]:
    """The units the user is assigned at, top first: where their pages start."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return list(Unit.objects.filter(parent__isnull=True).current())
    units = {a.unit.pk: a.unit for a in _assignments(user, Role.VIEWER)}
    return sorted(units.values(), key=lambda unit: unit.path)


def roles_of(user: AnyUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated:
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(user_id=int(user.pk)).select_related("unit", "unit__level")


@dataclass
class HomeCard:
    unit: Unit
    roles: list[str]
    counts: list[tuple[str, int]]  # (kind name, units of that kind in force below)


def home_cards(user: AnyUser) -> list[HomeCard]:
    """For each unit the user is assigned at: their roles there and what it covers today."""
    assignments = roles_of(user)
    roles: dict[int, list[str]] = {}
    for assignment in assignments:
        roles.setdefault(assignment.unit_id, []).append(assignment.get_role_display())
    cards = []
    for unit in home_units(user):
        counts = (
            Unit.objects.current()
            .filter(path__startswith=unit.path)
            .exclude(pk=unit.pk)
            .values("kind__name")
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        cards.append(
            HomeCard(
                unit=unit,
                roles=roles.get(unit.pk, [str(_("Superuser"))]),
                counts=[(row["kind__name"], row["count"]) for row in counts],
            )
        )
    return cards
