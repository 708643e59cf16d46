"""Writes of the citizens' voice: petitions and their life, escalation, the people's mood
and hot-spot alerts. The pages, the API, the worker and the demo all call these functions."""

import datetime as dt
import mimetypes
import re
import secrets
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.accounts.permissions import Actor, require
from danvan.accounts.selectors import user_can
from danvan.audit.models import ChangeAction
from danvan.audit.services import change_logged, record_change, snapshot
from danvan.common.text import normalize, search_key
from danvan.common.uploads import checked_extension
from danvan.indicators.services import figures_kept, figures_of, figures_track
from danvan.units.models import Unit
from danvan.voice.calendar import (
    WorkingCalendar,
    add_working_hours,
    calendar_load,
    working_hours_between,
)
from danvan.voice.models import (
    OPEN_STATES,
    AlertStatus,
    DeadlinePolicy,
    FileRole,
    HotspotAlert,
    MoodReport,
    Notice,
    NoticeKind,
    Petition,
    PetitionFile,
    PetitionStep,
    State,
    StepAction,
    Tone,
    Topic,
)

# A phone number as people write it: 0912 345 678, +84 912.345.678, 024-3825-1234.
PHONE = re.compile(r"\+?\d[\d .-]*\d")

PETITION_FIELDS = [
    "code",
    "source",
    "dialogue",
    "topic",
    "commune",
    "unit",
    "severity",
    "title",
    "state",
    "acknowledge_due",
    "handle_due",
    "escalated_to",
]
# No 0/O or 1/I/L: read aloud over the phone or copied from paper without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31^10, about 8 * 10^14: not guessable, even without a rate limit


def tracking_code() -> str:
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"KN-{chars[:5]}-{chars[5:]}"


def deadlines(
    *, severity: str, received_at: dt.datetime, calendar: WorkingCalendar | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """When a petition must be acknowledged and handled, in working hours from receipt."""
    policy = DeadlinePolicy.objects.filter(severity=severity).first()
    if policy is None:
        raise ValidationError(_("No deadline is set for this severity: ask an administrator."))
    calendar = calendar or calendar_load()
    handle = add_working_hours(calendar, received_at, policy.handle_hours)
    acknowledge = add_working_hours(
        calendar, received_at, min(policy.acknowledge_hours, policy.handle_hours)
    )
    return acknowledge, handle


def _attach(*, actor: Actor, petition: Petition, upload: UploadedFile, role: FileRole) -> None:
    extension = checked_extension(upload)
    name = upload.name or "file"
    attached = PetitionFile(
        petition=petition,
        role=role,
        original_name=name[:255],
        size=upload.size or 0,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        uploaded_by=actor,
    )
    attached.file.save(f"{secrets.token_hex(8)}{extension}", upload, save=False)
    attached.save()


def _step(
    *,
    actor: Actor,
    petition: Petition,
    action: StepAction,
    from_state: str,
    at: dt.datetime,
    reason: str = "",
    unit: Unit | None = None,
) -> PetitionStep:
    return PetitionStep.objects.create(
        petition=petition,
        action=action,
        from_state=from_state,
        to_state=petition.state,
        unit=unit or petition.unit,
        at=at,
        actor=actor,
        reason=reason,
    )


def _noted(action: StepAction) -> dict[str, str]:
    """What a step's change-log entry says besides the fields: which step it was."""
    return {"step": str(StepAction(action).label)}


def _logged(
    *, actor: Actor, petition: Petition, action: StepAction, reason: str = ""
) -> AbstractContextManager[None]:
    """The change log of a step on a petition: its fields before and after, and the step."""
    return change_logged(
        actor=actor,
        instance=petition,
        fields=PETITION_FIELDS,
        reason=reason,
        noting=_noted(action),
    )


@transaction.atomic
def petition_file(
    *,
    actor: Actor,
    source: str,
    topic: Topic,
    commune: Unit,
    severity: str,
    title: str,
    text: str,
    unit: Unit | None = None,
    dialogue: Any = None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    received_at: dt.datetime | None = None,
    attachments: Iterable[UploadedFile] = (),
    is_sample: bool = False,
) -> Petition:
    """Record a petition, route it to the responsible unit (the commune unless named) and set
    its deadlines; the citizen's receipt carries the tracking code."""
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise ValidationError({"received_at": _("A petition cannot be received in the future.")})
    unit = unit or commune
    require(actor, Role.EDITOR, unit)
    if not title.strip() or not text.strip():
        raise ValidationError(_("Give the petition a title and its text."))
    digits = sum(character.isdigit() for character in contact_phone)
    if contact_phone.strip() and not (PHONE.fullmatch(contact_phone.strip()) and 8 <= digits <= 15):
        raise ValidationError(
            {"contact_phone": _("A phone number has 8 to 15 digits, e.g. 0912 345 678.")}
        )
    acknowledge_due, handle_due = deadlines(severity=severity, received_at=received_at)
    petition = Petition(
        code=tracking_code(),
        source=source,
        dialogue=dialogue,
        topic=topic,
        commune=commune,
        unit=unit,
        severity=severity,
        title=normalize(title),
        text=normalize(text),
        contact_name=normalize(contact_name),
        contact_phone=contact_phone.strip(),
        contact_address=normalize(contact_address),
        received_at=received_at,
        received_on=timezone.localtime(received_at).date(),
        acknowledge_due=acknowledge_due,
        handle_due=handle_due,
        is_sample=is_sample,
        created_by=actor,
    )
    petition.search_key = search_key(petition.title, petition.code)
    petition.full_clean(exclude=["code", "search_key"])
    petition.save()
    for upload in attachments:
        _attach(actor=actor, petition=petition, upload=upload, role=FileRole.ATTACHMENT)
    figures_track(after=figures_of([petition]))
    _step(actor=actor, petition=petition, action=StepAction.FILE, from_state="", at=received_at)
    record_change(
        actor=actor,
        instance=petition,
        action=ChangeAction.CREATE,
        after={**snapshot(petition, PETITION_FIELDS), **_noted(StepAction.FILE)},
    )
    return petition


def _locked(petition: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("unit", "commune", "topic", "escalated_to")
        .get(pk=petition.pk)
    )


def _move(
    *,
    actor: Actor,
    petition: Petition,
    action: StepAction,
    allowed: list[str],
    to: State,
    reason: str = "",
    at: dt.datetime | None = None,
) -> Petition:
    petition = _locked(petition)
    require(actor, Role.EDITOR, petition.unit)
    if petition.state not in allowed:
        raise ValidationError(
            _("The petition is “%(state)s”: this step cannot be taken now.")
            % {"state": petition.get_state_display()}
        )
    from_state = petition.state
    with _logged(actor=actor, petition=petition, action=action, reason=reason):
        petition.state = to
        petition.save(update_fields=["state", "updated_at"])
    _step(
        actor=actor,
        petition=petition,
        action=action,
        from_state=from_state,
        at=at or timezone.now(),
        reason=reason,
    )
    return petition


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError(_("Give the reason."))
    return normalize(reason.strip())


@transaction.atomic
def petition_acknowledge(
    *, actor: Actor, petition: Petition, at: dt.datetime | None = None
) -> Petition:
    """The responsible unit confirms it has the petition (within 8 working hours)."""
    return _move(
        actor=actor,
        petition=petition,
        action=StepAction.ACKNOWLEDGE,
        allowed=[State.RECEIVED],
        to=State.ACKNOWLEDGED,
        at=at,
    )


@transaction.atomic
def petition_start(*, actor: Actor, petition: Petition, at: dt.datetime | None = None) -> Petition:
    return _move(
        actor=actor,
        petition=petition,
        action=StepAction.START,
        allowed=[State.ACKNOWLEDGED],
        to=State.IN_PROGRESS,
        at=at,
    )


@transaction.atomic
def petition_answer(
    *,
    actor: Actor,
    petition: Petition,
    answer: str,
    evidence: Iterable[UploadedFile] = (),
    at: dt.datetime | None = None,
) -> Petition:
    """Answer the petition with its evidence: a text, and files where there are any."""
    if len(answer.strip()) < 20:
        raise ValidationError(
            _("Write the answer in full (at least 20 characters): what was done, by whom, when.")
        )
    petition = _move(
        actor=actor,
        petition=petition,
        action=StepAction.ANSWER,
        allowed=[State.ACKNOWLEDGED, State.IN_PROGRESS],
        to=State.ANSWERED,
        at=at,
    )
    for upload in evidence:
        _attach(actor=actor, petition=petition, upload=upload, role=FileRole.EVIDENCE)
    petition.answer = normalize(answer.strip())
    petition.answered_at = at or timezone.now()
    petition.save(update_fields=["answer", "answered_at", "updated_at"])
    return petition


@transaction.atomic
def petition_close(*, actor: Actor, petition: Petition, reason: str = "") -> Petition:
    return _move(
        actor=actor,
        petition=petition,
        action=StepAction.CLOSE,
        allowed=[State.ANSWERED],
        to=State.CLOSED,
        reason=normalize(reason),
    )


@transaction.atomic
def petition_return(*, actor: Actor, petition: Petition, reason: str) -> Petition:
    """Send the petition back: not for this system to handle (with the reason why)."""
    return _move(
        actor=actor,
        petition=petition,
        action=StepAction.RETURN,
        allowed=list(OPEN_STATES),
        to=State.RETURNED,
        reason=_reason(reason),
    )


@transaction.atomic
def petition_transfer(*, actor: Actor, petition: Petition, to: Unit, reason: str) -> Petition:
    """Hand the petition to another unit: it starts again there as received, with new
    deadlines (the actor must handle petitions of both units)."""
    reason = _reason(reason)
    petition = _locked(petition)
    require(actor, Role.EDITOR, petition.unit)
    require(actor, Role.EDITOR, to)
    if not petition.is_open:
        raise ValidationError(_("Only an open petition can be transferred."))
    if to.pk == petition.unit_id or to.valid_until is not None:
        raise ValidationError(_("Choose another unit in force."))
    from_state = petition.state
    now = timezone.now()
    logged = _logged(actor=actor, petition=petition, action=StepAction.TRANSFER, reason=reason)
    with logged, figures_kept([petition]):
        petition.acknowledge_due, petition.handle_due = deadlines(
            severity=petition.severity, received_at=now
        )
        petition.unit, petition.state = to, State.RECEIVED
        petition.escalated_to, petition.escalated_at, petition.escalation_level = None, None, 0
        petition.save()
    _step(
        actor=actor,
        petition=petition,
        action=StepAction.TRANSFER,
        from_state=from_state,
        at=now,
        reason=reason,
    )
    return petition


@transaction.atomic
def petition_rate(*, code: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the answer from the public page; a rated answer is closed."""
    petition = Petition.objects.select_for_update().filter(code=code).first()
    if petition is None:
        raise ValidationError(_("No petition has this tracking code."))
    if petition.state not in (State.ANSWERED, State.CLOSED) or petition.rating is not None:
        raise ValidationError(_("Only an answer not yet rated can be rated."))
    if rating not in range(1, 6):
        raise ValidationError(_("Rate the answer from 1 to 5."))
    from_state = petition.state
    with _logged(actor=None, petition=petition, action=StepAction.RATE, reason=f"{rating}/5"):
        petition.rating, petition.rating_comment = rating, normalize(comment)[:500]
        petition.state = State.CLOSED
        petition.save(update_fields=["rating", "rating_comment", "state", "updated_at"])
    _step(
        actor=None,
        petition=petition,
        action=StepAction.RATE,
        from_state=from_state,
        at=timezone.now(),
        reason=f"{rating}/5",
    )
    return petition


@dataclass
class EscalationPass:
    reminded: int = 0
    overdue: int = 0
    escalated: int = 0


def _above(unit: Unit) -> Unit | None:
    """The unit that oversees `unit`: its parent, below the central level."""
    parent = unit.parent
    if parent is None or parent.parent_id is None:
        return None
    return parent


@transaction.atomic
def petitions_escalate(*, now: dt.datetime | None = None) -> EscalationPass:
    """One pass of the worker: remind units of deadlines near, mark what is overdue, and
    escalate an overdue petition to the level above (again each further 8 working hours
    without action, up to the province). Running it twice changes nothing more."""
    now = now or timezone.now()
    calendar = calendar_load()
    policies = {p.severity: p for p in DeadlinePolicy.objects.all()}
    result = EscalationPass()
    candidates = (
        Petition.objects.select_for_update(of=("self",))
        .filter(state__in=OPEN_STATES)
        .select_related("unit__parent__parent", "escalated_to__parent__parent")
        .order_by("pk")
    )
    for petition in candidates:
        policy = policies.get(petition.severity)
        if policy is None:
            continue
        due = petition.due_at
        remind = (
            policy.acknowledge_remind_hours
            if petition.state == State.RECEIVED
            else policy.remind_hours
        )
        if due > now:
            if working_hours_between(calendar, now, due) <= remind:
                _notice, created = Notice.objects.get_or_create(
                    petition=petition,
                    kind=NoticeKind.REMINDER,
                    unit=petition.unit,
                    due_at=due,
                    defaults={"created_at": now},
                )
                result.reminded += created
            continue
        _notice, created = Notice.objects.get_or_create(
            petition=petition,
            kind=NoticeKind.OVERDUE,
            unit=petition.unit,
            due_at=due,
            defaults={"created_at": now},
        )
        result.overdue += created
        if petition.escalated_at is not None and (
            working_hours_between(calendar, petition.escalated_at, now) < policy.acknowledge_hours
        ):
            continue
        target = _above(petition.escalated_to or petition.unit)
        if target is None:
            continue
        reason = _("Overdue since %(due)s") % {
            "due": timezone.localtime(due).strftime("%H:%M %d/%m/%Y")
        }
        with _logged(actor=None, petition=petition, action=StepAction.ESCALATE, reason=reason):
            petition.escalated_to, petition.escalated_at = target, now
            petition.escalation_level += 1
            petition.save(update_fields=["escalated_to", "escalated_at", "escalation_level"])
        Notice.objects.create(
            petition=petition, kind=NoticeKind.ESCALATED, unit=target, due_at=due, created_at=now
        )
        _step(
            actor=None,
            petition=petition,
            action=StepAction.ESCALATE,
            from_state=petition.state,
            at=now,
            reason=reason,
            unit=target,
        )
        result.escalated += 1
    return result


# --- the people's mood ---------------------------------------------------------------


def commune_of(unit: Unit) -> Unit:
    """The commune a unit reports for: itself, or the commune a village team belongs to."""
    if unit.level.code == "village" and unit.parent is not None:
        return unit.parent
    if unit.level.code == "commune":
        return unit
    raise ValidationError(
        {"unit": _("%(unit)s is neither a commune nor a village team.") % {"unit": unit}}
    )


MOOD_FIELDS = ["unit", "date", "topic", "tone", "opinions", "notable"]


@transaction.atomic
def mood_report_create(
    *,
    actor: Actor,
    unit: Unit,
    date: dt.date,
    topic: Topic,
    tone: str,
    opinions: int,
    notable: str = "",
    is_sample: bool = False,
) -> MoodReport:
    """A village team's or a commune's report of what people think about a topic."""
    require(actor, Role.EDITOR, unit)
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if tone not in Tone.values:
        raise ValidationError({"tone": _("Choose the tone.")})
    report = MoodReport(
        unit=unit,
        commune=commune_of(unit),
        date=date,
        topic=topic,
        tone=tone,
        opinions=opinions,
        notable=normalize(notable),
        is_sample=is_sample,
        created_by=actor,
    )
    report.full_clean()
    report.save()
    figures_track(after=figures_of([report]))
    record_change(
        actor=actor,
        instance=report,
        action=ChangeAction.CREATE,
        after=snapshot(report, MOOD_FIELDS),
    )
    return report


# --- hot-spot alerts -----------------------------------------------------------------


def _alert_locked(actor: Actor, alert: HotspotAlert) -> HotspotAlert:
    alert = (
        HotspotAlert.objects.select_for_update(of=("self",))
        .select_related("province", "commune")
        .get(pk=alert.pk)
    )
    require(actor, Role.EDITOR, alert.commune)
    return alert


ALERT_FIELDS = ["status", "assignee", "note"]


@transaction.atomic
def alert_acknowledge(*, actor: Actor, alert: HotspotAlert) -> HotspotAlert:
    alert = _alert_locked(actor, alert)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(_("Only an open alert can be acknowledged."))
    with change_logged(actor=actor, instance=alert, fields=ALERT_FIELDS):
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.save()
    return alert


@transaction.atomic
def alert_assign(
    *, actor: Actor, alert: HotspotAlert, assignee: User, note: str = ""
) -> HotspotAlert:
    """Give the alert to an officer who can act in the commune."""
    alert = _alert_locked(actor, alert)
    if alert.status == AlertStatus.RESOLVED:
        raise ValidationError(_("The alert is resolved already."))
    if not user_can(assignee, Role.EDITOR, alert.commune):
        raise ValidationError(
            _("%(user)s cannot act in %(unit)s.") % {"user": assignee, "unit": alert.commune}
        )
    note = normalize(note.strip())
    with change_logged(actor=actor, instance=alert, fields=ALERT_FIELDS, reason=note or alert.note):
        alert.status, alert.assignee = AlertStatus.ASSIGNED, assignee
        if note:
            alert.note = note
        alert.save()
    return alert


@transaction.atomic
def alert_resolve(*, actor: Actor, alert: HotspotAlert, note: str) -> HotspotAlert:
    """Close the alert, saying what was done about the hot spot."""
    note = _reason(note)
    alert = _alert_locked(actor, alert)
    if alert.status == AlertStatus.RESOLVED:
        raise ValidationError(_("The alert is resolved already."))
    with change_logged(actor=actor, instance=alert, fields=ALERT_FIELDS, reason=note):
        alert.status, alert.note = AlertStatus.RESOLVED, note
        alert.save()
    return alert
