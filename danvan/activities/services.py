"""Writes of activities. One set of functions for the five kinds: the web forms, the API and
the demo call them, and each write updates the indicators' figures in its transaction."""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import user_can
from danvan.activities.models import Activity, Conference, Dialogue, Document, Inspection, WorkTask
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, record_creations, snapshot
from danvan.common.locking import lock_for_edit
from danvan.common.text import normalize, search_key
from danvan.indicators.selectors import reports_locking
from danvan.indicators.services import figures_of, figures_track

A = TypeVar("A", bound=Activity)
Actor = User | None
KINDS: dict[str, type[Activity]] = {
    "conferences": Conference,
    "documents": Document,
    "inspections": Inspection,
    "dialogues": Dialogue,
    "tasks": WorkTask,
}
SEARCHED = ["title", "code", "leader", "target_group", "plan", "assignee"]
LOGGED_EXCLUDE = {"search_key", "created_at", "updated_at", "created_by"}


def _fields(activity: Activity) -> list[str]:
    return [f.name for f in activity._meta.concrete_fields if f.name not in LOGGED_EXCLUDE]


def _require(actor: Actor, activity: Activity) -> None:
    if actor is not None and not user_can(actor, Role.EDITOR, activity.unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": activity.unit})


def _require_open(activities: list[Activity]) -> None:
    """Refuse to change records of a period whose report has gone up (submitted or approved):
    the figures the level above decided on stay as they were until it is returned or reopened."""
    locking = reports_locking(
        ((activity.unit, activity.date) for activity in activities), hold=True
    )
    if locking:
        report = next(iter(locking.values()))
        raise ValidationError(
            _(
                "The report of %(unit)s for %(period)s is %(status)s: its records cannot "
                "change until the level above returns or reopens it."
            )
            % {
                "unit": report.unit,
                "period": report.period,
                "status": report.get_status_display().lower(),
            }
        )


def _prepare(activity: Activity, *, checked_by_database: bool = False) -> None:
    """Normalise the text and validate. `checked_by_database`: for bulk writes, leave the links
    and constraints (one query each per record) to the database, which enforces them too."""
    for field in activity._meta.concrete_fields:
        value = getattr(activity, field.attname)
        if isinstance(value, str) and field.name != "search_key":
            setattr(activity, field.attname, normalize(value))
    key = search_key(*(str(getattr(activity, f, "") or "") for f in SEARCHED))
    # The searched fields together may be longer than the column: PostgreSQL would refuse
    # the row, and the words cut off at the end are the least useful to search for.
    activity.search_key = key[: activity._meta.get_field("search_key").max_length]
    if checked_by_database:
        links = [f.name for f in activity._meta.concrete_fields if f.is_relation]
        activity.full_clean(exclude=["search_key", *links], validate_constraints=False)
    else:
        activity.full_clean(exclude=["search_key"])


@transaction.atomic
def activity_create(*, actor: Actor, model: type[A], is_sample: bool = False, **data: Any) -> A:
    """Record an activity for a unit the actor edits."""
    activity = model(**data, is_sample=is_sample, created_by=actor)
    _require(actor, activity)
    _prepare(activity)
    _require_open([activity])
    activity.save()
    figures_track(after=figures_of([activity]))
    record_change(
        actor=actor,
        instance=activity,
        action=ChangeAction.CREATE,
        after=snapshot(activity, _fields(activity)),
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: Actor, activity: A, version: int | None = None, reason: str = "", **changes: Any
) -> A:
    """Change an activity's values; `version` is the one the officer loaded (core.locking)."""
    activity = lock_for_edit(activity, version=version)
    _require(actor, activity)
    _require_open([activity])
    before = snapshot(activity, _fields(activity))
    counted_before = figures_of([activity])
    for field, value in changes.items():
        setattr(activity, field, value)
    _require(actor, activity)  # also over the new unit, when it changed
    _prepare(activity)
    _require_open([activity])  # and in the new period
    activity.save()
    figures_track(before=counted_before, after=figures_of([activity]))
    after = snapshot(activity, _fields(activity))
    if after != before:
        record_change(
            actor=actor,
            instance=activity,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
            reason=reason,
        )
    return activity


@transaction.atomic
def activity_delete(*, actor: Actor, activity: Activity, reason: str = "") -> None:
    # What the row holds now, not what the caller read earlier: the figures take back exactly
    # what it counts.
    activity = type(activity)._default_manager.select_for_update().get(pk=activity.pk)
    _require(actor, activity)
    _require_open([activity])
    figures_track(before=figures_of([activity]))
    record_change(
        actor=actor,
        instance=activity,
        action=ChangeAction.DELETE,
        before=snapshot(activity, _fields(activity)),
        reason=reason,
    )
    try:
        activity.delete()
    except ProtectedError as exc:  # a petition raised at this dialogue, for one
        records = ", ".join(sorted(str(record) for record in exc.protected_objects))
        raise ValidationError(
            _("%(activity)s cannot be deleted while other records refer to it: %(records)s.")
            % {"activity": activity, "records": records}
        ) from exc


@transaction.atomic
def activities_create_many(*, actor: Actor, records: list[Activity], reason: str = "") -> int:
    """Record many activities at once (the demo, a list sent up): all of them or none."""
    for record in records:
        record.created_by = actor
        _require(actor, record)
        _prepare(record, checked_by_database=True)
    _require_open(records)
    by_model: dict[type[Activity], list[Activity]] = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record)
    for model, group in by_model.items():
        model._default_manager.bulk_create(group, batch_size=1000)
        record_creations(
            actor=actor, instances=list(group), fields=_fields(group[0]), reason=reason
        )
    figures_track(after=figures_of(records))
    return len(records)
