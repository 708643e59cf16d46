"""Writes to the registry: entries, their life cycle and their evidence.

The web forms, the API, the Excel import and the demo all call these functions.
"""

import datetime as dt
import mimetypes
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Greatest, Length, LPad
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.permissions import Actor, require
from danvan.accounts.selectors import scoped
from danvan.audit.models import ChangeAction
from danvan.audit.services import change_logged, record_change, record_creations, snapshot
from danvan.common.locking import lock_for_edit
from danvan.common.text import normalize, search_key
from danvan.common.uploads import checked_extension
from danvan.indicators.services import figures_kept, figures_of, figures_track
from danvan.registry.lifecycle import allowed_next, can_move
from danvan.registry.models import Entry, Evidence, Status, Transition
from danvan.units.models import Unit

if TYPE_CHECKING:
    from danvan.registry.excel import ParsedRow

ENTRY_FIELDS = [
    "code",
    "name",
    "kind",
    "exemplar_type",
    "unit",
    "commune",
    "field",
    "period",
    "description",
    "method",
    "results",
    "result_figure",
    "result_measure",
    "leader",
    "start_date",
    "copies",
]


def _search_key(entry: Entry) -> str:
    # The code comes last: an import appends it in the database once the rows are numbered.
    return search_key(entry.name, entry.leader, entry.code)


def _new_entry(*, is_sample: bool, data: dict[str, Any]) -> Entry:
    """An unsaved entry, registered on its start date (or today), its text normalised."""
    data = dict(data)
    for key in ("name", "leader", "result_measure", "code"):
        if isinstance(data.get(key), str):
            data[key] = normalize(data[key])
    status_date = data.pop("status_date", None) or data.get("start_date") or timezone.localdate()
    return Entry(**data, status=Status.REGISTERED, status_date=status_date, is_sample=is_sample)


@transaction.atomic
def entry_create(*, actor: Actor, reason: str = "", is_sample: bool = False, **data: Any) -> Entry:
    """Register a model or exemplar; it starts as registered on its start date (or today)."""
    entry = _new_entry(is_sample=is_sample, data=data)
    status_date = entry.status_date
    require(actor, Role.EDITOR, entry.unit)
    if not entry.code:
        entry.code = "-"  # replaced by the number below once the row exists
    entry.search_key = _search_key(entry)
    entry.full_clean(exclude=["code", "search_key"] if entry.code == "-" else ["search_key"])
    entry.save()
    if entry.code == "-":
        entry.code = f"DVK-{entry.pk:06d}"
        entry.search_key = _search_key(entry)
        entry.save(update_fields=["code", "search_key"])
    Transition.objects.create(
        entry=entry,
        to_status=Status.REGISTERED,
        date=status_date,
        decided_by=actor,
    )
    figures_track(after=figures_of([entry]))
    record_change(
        actor=actor,
        instance=entry,
        action=ChangeAction.CREATE,
        after=snapshot(entry, ENTRY_FIELDS, ids_only=["copies"]),
        reason=reason,
    )
    return entry


@transaction.atomic
def entry_update(
    *, actor: Actor, entry: Entry, version: int | None = None, reason: str = "", **changes: Any
) -> Entry:
    """Change an entry's values; `version` is the one the officer loaded (common.locking)."""
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"entry_update cannot change {sorted(unknown)}")
    require(actor, Role.EDITOR, entry.unit)
    # The row as it is now, not as the caller read it: saving that would undo a step taken since.
    entry = lock_for_edit(entry, version=version)
    logged = change_logged(
        actor=actor, instance=entry, fields=ENTRY_FIELDS, ids_only=["copies"], reason=reason
    )
    with logged, figures_kept([entry]):
        for field, value in changes.items():
            setattr(entry, field, normalize(value) if isinstance(value, str) else value)
        require(actor, Role.EDITOR, entry.unit)  # also over the new unit, when it changed
        entry.search_key = _search_key(entry)
        entry.full_clean(exclude=["search_key"])
        entry.save()
    return entry


def _transition(
    *, actor: Actor, entry: Entry, to: Status, on: dt.date, decision_code: str, note: str
) -> Transition:
    require(actor, Role.APPROVER, entry.unit)
    if not can_move(entry.status, to):
        raise ValidationError(
            _("%(entry)s is %(status)s: it can only become %(allowed)s.")
            % {
                "entry": entry.code,
                "status": entry.get_status_display(),
                "allowed": ", ".join(str(Status(s).label) for s in allowed_next(entry.status)),
            }
        )
    if on < entry.status_date:
        raise ValidationError(
            _("%(entry)s has been %(status)s since %(day)s: the new step cannot be earlier.")
            % {
                "entry": entry.code,
                "status": entry.get_status_display(),
                "day": entry.status_date.strftime("%d/%m/%Y"),
            }
        )
    if on > timezone.localdate():
        raise ValidationError(_("A step cannot be dated in the future."))
    if to != Status.DISCONTINUED and not decision_code.strip():
        raise ValidationError(_("Give the code of the decision (e.g. 15-QĐ/BDVTU)."))
    before = {"status": entry.get_status_display(), "status_date": entry.status_date.isoformat()}
    step = Transition.objects.create(
        entry=entry,
        from_status=entry.status,
        to_status=to,
        date=on,
        decision_code=normalize(decision_code),
        note=normalize(note),
        decided_by=actor,
    )
    with figures_kept([entry]):
        entry.status, entry.status_date = to, on
        entry.version += 1  # open forms of the entry see the step (common.locking)
        entry.save(update_fields=["status", "status_date", "version", "updated_at"])
    record_change(
        actor=actor,
        instance=entry,
        action=ChangeAction.UPDATE,
        before=before,
        after={
            "status": str(to.label),
            "status_date": on.isoformat(),
            "decision": step.decision_code,
        },
        reason=note,
    )
    return step


@transaction.atomic
def entry_transition(
    *, actor: Actor, entry: Entry, to: Status, on: dt.date, decision_code: str = "", note: str = ""
) -> Transition:
    """Move an entry one step along its life cycle (lifecycle.py has the rules)."""
    entry = Entry.objects.select_for_update().select_related("unit").get(pk=entry.pk)
    return _transition(
        actor=actor, entry=entry, to=to, on=on, decision_code=decision_code, note=note
    )


@transaction.atomic
def entries_transition(
    *,
    actor: Actor,
    entries: Iterable[Entry],
    to: Status,
    on: dt.date,
    decision_code: str,
    note: str = "",
) -> int:
    """Move several entries with one decision: all of them, or none if any may not move."""
    ids = [entry.pk for entry in entries]
    locked = Entry.objects.select_for_update().select_related("unit").filter(pk__in=ids)
    errors = []
    count = 0
    for entry in locked.order_by("code"):
        try:
            _transition(
                actor=actor, entry=entry, to=to, on=on, decision_code=decision_code, note=note
            )
            count += 1
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            errors.extend(messages)
    if errors:
        raise ValidationError(errors)
    return count


@transaction.atomic
def evidence_add(*, actor: Actor, entry: Entry, upload: UploadedFile) -> Evidence:
    """Attach a file, after checking its size and that its content is what its name says."""
    require(actor, Role.EDITOR, entry.unit)
    extension = checked_extension(upload)
    name = upload.name or "file"
    evidence = Evidence(
        entry=entry,
        original_name=name[:255],
        size=upload.size or 0,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        uploaded_by=actor,
    )
    evidence.file.save(f"{timezone.now():%Y%m%d%H%M%S}{extension}", upload, save=False)
    evidence.save()
    record_change(
        actor=actor,
        instance=entry,
        action=ChangeAction.UPDATE,
        after={"evidence": evidence.original_name},
    )
    return evidence


@transaction.atomic
def entries_import(*, actor: Actor, rows: "list[ParsedRow]") -> tuple[int, int]:
    """Write checked rows: a row with an existing code updates it, the others are created.

    One transaction: if any row cannot be written, nothing is. New entries are written in
    bulk (with their first life-cycle step and their change-log entries) so that a file of
    ten thousand rows takes seconds.
    """
    unit_ids = {row.data["unit"].pk for row in rows} | {
        row.existing.unit_id for row in rows if row.existing is not None
    }
    editable = (
        set(
            scoped(
                actor, Unit.objects.filter(pk__in=unit_ids), unit_field="", minimum=Role.EDITOR
            ).values_list("pk", flat=True)
        )
        if actor is not None
        else unit_ids
    )
    errors = [
        _("Row %(row)s: %(message)s")
        % {
            "row": row.number,
            "message": _("You may not do this for %(unit)s.") % {"unit": row.data["unit"]},
        }
        for row in rows
        if row.data["unit"].pk not in editable
        or (row.existing is not None and row.existing.unit_id not in editable)
    ]
    if errors:
        raise ValidationError(errors)
    # Lock the entries the file changes in the order a life-cycle step locks them (by code):
    # an import and a step over the same entries wait for each other instead of deadlocking.
    existing = [row.existing.pk for row in rows if row.existing is not None]
    list(Entry.objects.select_for_update().filter(pk__in=existing).order_by("code"))
    updated = 0
    for row in rows:
        if row.existing is not None:
            entry_update(actor=actor, entry=row.existing, reason="Excel", **row.data)
            updated += 1
    new = [_new_entry(is_sample=False, data=row.data) for row in rows if row.existing is None]
    token = uuid.uuid4().hex[:12]
    for index, entry in enumerate(new):
        entry.clean()
        entry.code = ""
        entry.search_key = _search_key(entry)
        entry.code = f"~{token}-{index}"  # numbered below, once the rows exist
    Entry.objects.bulk_create(new, batch_size=1000)
    digits = Cast("pk", output_field=CharField())
    number = LPad(digits, Greatest(Value(6), Length(digits)), Value("0"))  # DVK-000042, DVK-1234567
    Entry.objects.filter(code__startswith=f"~{token}-").update(
        code=Concat(Value("DVK-"), number, output_field=CharField()),
        search_key=Concat(F("search_key"), Value(" dvk "), number, output_field=CharField()),
    )
    for entry in new:
        entry.code = f"DVK-{entry.pk:06d}"
    Transition.objects.bulk_create(
        [
            Transition(entry=e, to_status=Status.REGISTERED, date=e.status_date, decided_by=actor)
            for e in new
        ],
        batch_size=1000,
    )
    figures_track(after=figures_of(new))
    record_creations(
        actor=actor, instances=list(new), fields=ENTRY_FIELDS, ids_only=["copies"], reason="Excel"
    )
    return len(new), updated
