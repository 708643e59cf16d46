"""Writing the change log. Every service that writes calls `record_change` in its transaction."""

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.audit.models import ChangeAction, ChangeLogEntry


def snapshot(
    instance: models.Model, fields: list[str] | None = None, *, ids_only: Iterable[str] = ()
) -> dict[str, Any]:
    """The values of a model's fields as a reader of the log wants them: JSON-safe, a link as
    the name of what it points to (as its id for the links in `ids_only`, which may point
    outside the reader's scope), a choice as its label."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(instance, field.attname)
        if field.is_relation and value is not None and field.name not in ids_only:
            value = str(getattr(instance, field.name))
        elif field.choices and value:
            value = str(getattr(instance, f"get_{field.name}_display")())
        elif isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            places = getattr(field, "decimal_places", None)
            value = f"{value:.{places}f}" if places is not None else str(value)
        values[field.name] = value
    return values


def _entry(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    instance: models.Model,
    action: ChangeAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str,
) -> ChangeLogEntry:
    user = actor if isinstance(actor, AbstractBaseUser) else None
    return ChangeLogEntry(
        actor_id=user.pk if user else None,
        actor_name=user.get_username() if user else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        reason=reason,
    )


def record_change(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    instance: models.Model,
    action: ChangeAction,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> ChangeLogEntry:
    entry = _entry(
        actor=actor, instance=instance, action=action, before=before, after=after, reason=reason
    )
    entry.save()
    return entry


def record_creations(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    instances: list[models.Model],
    fields: list[str],
    ids_only: Iterable[str] = (),
    reason: str = "",
) -> None:
    """The change log of many objects created at once (an import), in one bulk write."""
    ChangeLogEntry.objects.bulk_create(
        [
            _entry(
                actor=actor,
                instance=instance,
                action=ChangeAction.CREATE,
                before=None,
                after=snapshot(instance, fields, ids_only=ids_only),
                reason=reason,
            )
            for instance in instances
        ],
        batch_size=1000,
    )


@contextmanager
def change_logged(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    instance: models.Model,
    fields: list[str],
    reason: str = "",
    ids_only: Iterable[str] = (),
    noting: Mapping[str, Any] | None = None,
) -> Iterator[None]:
    """The update pattern, in one place: the record's values before, the write (the body of
    the `with`), then one change-log entry with what changed, if anything did.

        with change_logged(actor=actor, instance=entry, fields=ENTRY_FIELDS, reason=reason):
            entry.name = name
            entry.full_clean()
            entry.save()

    `noting` adds what the entry says besides the fields (the step that was taken, the
    decision behind it, as the model's `change_labels` name them): an entry is then written
    even when no field changed."""
    before = snapshot(instance, fields, ids_only=ids_only)
    yield
    after = {**snapshot(instance, fields, ids_only=ids_only), **(noting or {})}
    if after != before:
        record_change(
            actor=actor,
            instance=instance,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
            reason=reason,
        )
