"""Writes to accounts: users, their passwords and their role assignments."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from rest_framework.authtoken.models import Token

from danvan.accounts.models import Role, RoleAssignment, User
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, snapshot
from danvan.units.models import Unit

USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


@transaction.atomic
def user_create(
    *,
    actor: AbstractBaseUser | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> User:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    record_change(
        actor=actor, instance=user, action=ChangeAction.CREATE, after=snapshot(user, USER_FIELDS)
    )
    return user


@transaction.atomic
def user_set_password(*, actor: AbstractBaseUser | None, user: User, password: str) -> User:
    """Set a password; the log says it changed, never what it is."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record_change(
        actor=actor,
        instance=user,
        action=ChangeAction.UPDATE,
        before={"password": "•••"},
        after={"password": "••• (changed)"},
    )
    return user


@transaction.atomic
def role_assign(
    *, actor: AbstractBaseUser | None, user: User, unit: Unit, role: Role, reason: str = ""
) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record_change(
            actor=actor,
            instance=user,
            action=ChangeAction.ROLE,
            after={"role": role.value, "unit": unit.pk, "unit_name": unit.name},
            reason=reason,
        )
    return assignment


@transaction.atomic
def role_revoke(
    *, actor: AbstractBaseUser | None, assignment: RoleAssignment, reason: str = ""
) -> None:
    record_change(
        actor=actor,
        instance=assignment.user,
        action=ChangeAction.ROLE,
        before={
            "role": assignment.role,
            "unit": assignment.unit_id,
            "unit_name": assignment.unit.name,
        },
        reason=reason,
    )
    assignment.delete()


@transaction.atomic
def api_token_renew(*, actor: AbstractBaseUser | None, user: User) -> str:
    """Replace the user's API token; the new key is shown once."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record_change(
        actor=actor, instance=user, action=ChangeAction.UPDATE, after={"api_token": "renewed"}
    )
    return token.key
