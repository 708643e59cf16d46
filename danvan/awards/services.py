"""Writes to awards: people and their history, proposal batches on their way up, decisions,
the awards they give, revocations. Pages, the API, the Excel import and the demo call these."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import user_acts_for, user_can
from danvan.audit.models import ChangeAction
from danvan.audit.services import record_change, snapshot
from danvan.awards.models import (
    Award,
    AwardType,
    Batch,
    BatchStatus,
    BatchStep,
    Ceremony,
    Decision,
    Discipline,
    LineReview,
    LineStatus,
    Person,
    ProposalLine,
    RecipientKind,
    ServicePeriod,
    StepAction,
)
from danvan.awards.selectors import eligibility

if TYPE_CHECKING:
    from danvan.awards.excel import LineRow
from danvan.common.dates import format_date
from danvan.common.locking import lock_for_edit
from danvan.common.text import normalize, search_key
from danvan.indicators.services import figures_of, figures_track
from danvan.units.models import Unit

Actor = User | None
PERSON_FIELDS = ["full_name", "birth_date", "gender", "category", "unit", "position", "died_on"]
AWARD_FIELDS = [
    "award_type",
    "recipient_kind",
    "person",
    "collective_name",
    "unit",
    "decided_on",
    "decision_number",
    "giver",
    "revoked_on",
    "revoke_reason",
]


def _require(actor: Actor, role: Role, unit: Unit) -> None:
    """The actor holds `role` over the unit (the system itself, actor=None, may act)."""
    if actor is not None and not user_can(actor, role, unit):
        raise PermissionDenied(_("You may not do this for %(unit)s.") % {"unit": unit})


def _clean_text(data: dict[str, Any]) -> dict[str, Any]:
    return {k: normalize(v) if isinstance(v, str) else v for k, v in data.items()}


# --- People ---------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *, actor: Actor, reason: str = "", is_sample: bool = False, **data: Any
) -> Person:
    person = Person(**_clean_text(data), is_sample=is_sample, code="-")
    _require(actor, Role.EDITOR, person.unit)
    person.search_key = search_key(person.full_name)
    person.full_clean(exclude=["code", "search_key"])
    person.save()
    person.code = f"CN-{person.pk:06d}"
    person.search_key = search_key(person.full_name, person.code)
    person.save(update_fields=["code", "search_key"])
    record_change(
        actor=actor,
        instance=person,
        action=ChangeAction.CREATE,
        after=snapshot(person, PERSON_FIELDS),
        reason=reason,
    )
    return person


@transaction.atomic
def person_update(
    *, actor: Actor, person: Person, version: int | None = None, reason: str = "", **changes: Any
) -> Person:
    """Change a person's values; `version` is the one the officer loaded (core.locking)."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"person_update cannot change {sorted(unknown)}")
    _require(actor, Role.EDITOR, person.unit)
    person = lock_for_edit(person, version=version)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in _clean_text(changes).items():
        setattr(person, name, value)
    _require(actor, Role.EDITOR, person.unit)  # also over the new unit
    person.search_key = search_key(person.full_name, person.code)
    person.full_clean(exclude=["search_key"])
    person.save()
    after = snapshot(person, PERSON_FIELDS)
    if after != before:
        record_change(
            actor=actor,
            instance=person,
            action=ChangeAction.UPDATE,
            before=before,
            after=after,
            reason=reason,
        )
    return person


def _period_text(period: ServicePeriod) -> str:
    """ "01/04/2015 - 31/12/2020: Chuyên viên, Ban Dân vận (vùng khó khăn)"."""
    until = format_date(period.end) if period.end else _("to this day")
    text = f"{format_date(period.start)} - {until}: {period.position}, {period.organisation}"
    if not period.in_sector:
        text += " (" + _("outside the sector") + ")"
    if period.remote_area:
        text += " (" + _("remote area") + ")"
    return text


@transaction.atomic
def service_period_add(*, actor: Actor, person: Person, **data: Any) -> ServicePeriod:
    _require(actor, Role.EDITOR, person.unit)
    period = ServicePeriod(person=person, **_clean_text(data))
    period.full_clean()
    if period.start > timezone.localdate():
        raise ValidationError(_("A period cannot start in the future."))
    if period.start < person.birth_date:
        raise ValidationError(_("A period cannot start before the person was born."))
    period.save()
    record_change(
        actor=actor,
        instance=person,
        action=ChangeAction.UPDATE,
        after={"service": _period_text(period)},
    )
    return period


@transaction.atomic
def discipline_add(*, actor: Actor, person: Person, **data: Any) -> Discipline:
    _require(actor, Role.APPROVER, person.unit)
    discipline = Discipline(person=person, **_clean_text(data))
    discipline.full_clean()
    if discipline.date > timezone.localdate():
        raise ValidationError(_("A discipline cannot be dated in the future."))
    discipline.save()
    record_change(
        actor=actor,
        instance=person,
        action=ChangeAction.UPDATE,
        after={
            "discipline": " · ".join(
                part
                for part in (
                    format_date(discipline.date),
                    str(discipline.get_form_display()),
                    discipline.decision_number,
                )
                if part
            )
        },
    )
    return discipline


@transaction.atomic
def person_merge(*, actor: Actor, keep: Person, duplicate: Person, reason: str) -> Person:
    """Fold a duplicate record into `keep`: its history, awards and proposals move over, and
    the duplicate stays, pointing at `keep`, so links to it still lead somewhere."""
    if (
        keep.pk == duplicate.pk
        or keep.merged_into_id is not None
        or duplicate.merged_into_id is not None
    ):
        raise ValidationError(_("Choose two different people that are not merged yet."))
    _require(actor, Role.EDITOR, keep.unit)
    _require(actor, Role.EDITOR, duplicate.unit)
    if not reason.strip():
        raise ValidationError(_("Say why these records are the same person."))
    try:
        with transaction.atomic():
            for model in (ServicePeriod, Discipline, Award, ProposalLine):
                model.objects.filter(person=duplicate).update(person=keep)
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "Both records have received the same once-per-person award: revoke the wrong "
                "one before merging."
            )
        ) from exc
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    record_change(
        actor=actor,
        instance=keep,
        action=ChangeAction.UPDATE,
        after={"merged": f"{duplicate.code} · {duplicate}"},
        reason=reason,
    )
    record_change(
        actor=actor,
        instance=duplicate,
        action=ChangeAction.UPDATE,
        before={"merged_into": None},
        after={"merged_into": f"{keep.code} · {keep}"},
        reason=reason,
    )
    return keep


# --- Awards given ---------------------------------------------------------------------------


def _award_problem(award_type: AwardType, kind: str) -> str:
    if kind == RecipientKind.INDIVIDUAL and not award_type.for_individuals:
        return _("%(award)s is not given to individuals.") % {"award": award_type}
    if kind == RecipientKind.COLLECTIVE and not award_type.for_collectives:
        return _("%(award)s is not given to collectives.") % {"award": award_type}
    return ""


def _save_awards(awards: list[Award]) -> None:
    """Write new awards, the once-per-person index deciding any race between batches."""
    for award in awards:
        award.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            Award.objects.bulk_create(awards)
    except IntegrityError as exc:
        raise ValidationError(
            _(
                "Someone on this list has received this award in the meantime (it is given "
                "once per person): nothing was recorded. Check the list and retry."
            )
        ) from exc
    figures_track(after=figures_of(awards))


@transaction.atomic
def award_record_past(
    *,
    actor: Actor,
    award_type: AwardType,
    unit: Unit,
    decided_on: dt.date,
    decision_number: str,
    giver: str = "",
    person: Person | None = None,
    collective_name: str = "",
    achievement: str = "",
    is_sample: bool = False,
) -> Award:
    """Enter an award received before danvan (from the files), so rules see it. Approvers
    only: an honour shortens the years a person needs."""
    _require(actor, Role.APPROVER, unit)
    kind = RecipientKind.INDIVIDUAL if person is not None else RecipientKind.COLLECTIVE
    problem = _award_problem(award_type, kind)
    if problem:
        raise ValidationError(problem)
    if decided_on > timezone.localdate():
        raise ValidationError(_("A decision cannot be dated in the future."))
    award = Award(
        award_type=award_type,
        recipient_kind=kind,
        person=person,
        collective_name=normalize(collective_name),
        unit=unit,
        decided_on=decided_on,
        decision_number=normalize(decision_number),
        giver=normalize(giver) or award_type.giver_name,
        achievement=normalize(achievement),
        once_per_person=award_type.once_per_person,
        is_sample=is_sample,
    )
    _save_awards([award])
    record_change(
        actor=actor,
        instance=award,
        action=ChangeAction.CREATE,
        after=snapshot(award, AWARD_FIELDS),
        reason=_("Entered from the records"),
    )
    return award


@transaction.atomic
def award_revoke(*, actor: Actor, award: Award, on: dt.date, reason: str) -> Award:
    """Revoke an award (e.g. obtained with false records): it stops counting, the row stays."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("unit", "award_type", "decision__batch__decider")
        .get(pk=award.pk)
    )
    # The body that decided it revokes it; an award entered from the files, its unit's level.
    _require(actor, Role.APPROVER, award.decision.batch.decider if award.decision else award.unit)
    if award.revoked_on is not None:
        raise ValidationError(_("This award has already been revoked."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking."))
    if on < award.decided_on or on > timezone.localdate():
        raise ValidationError(_("The date must lie between the decision and today."))
    before = figures_of([award])
    award.revoked_on, award.revoke_reason = on, normalize(reason)
    award.save(update_fields=["revoked_on", "revoke_reason"])
    figures_track(before=before, after=figures_of([award]))
    record_change(
        actor=actor,
        instance=award,
        action=ChangeAction.UPDATE,
        before={"revoked_on": None},
        after={"revoked_on": on.isoformat(), "revoke_reason": award.revoke_reason},
        reason=award.revoke_reason,
    )
    return award


# --- Batches and their proposals ------------------------------------------------------------


@transaction.atomic
def batch_create(
    *,
    actor: Actor,
    unit: Unit,
    decider: Unit,
    title: str,
    year: int,
    is_sample: bool = False,
) -> Batch:
    _require(actor, Role.EDITOR, unit)
    if not unit.path.startswith(decider.path):
        raise ValidationError(_("The deciding unit must be the unit itself or a unit above it."))
    batch = Batch(
        code="-",
        title=normalize(title),
        unit=unit,
        decider=decider,
        at_unit=unit,
        year=year,
        created_by=actor,
        is_sample=is_sample,
    )
    batch.full_clean(exclude=["code"])
    batch.save()
    batch.code = f"DN-{batch.pk:05d}"
    batch.save(update_fields=["code"])
    record_change(
        actor=actor,
        instance=batch,
        action=ChangeAction.CREATE,
        after=snapshot(batch, ["code", "title", "unit", "decider", "year"]),
    )
    return batch


def _editable(actor: Actor, batch: Batch) -> None:
    _require(actor, Role.EDITOR, batch.unit)
    if batch.status not in (BatchStatus.DRAFT, BatchStatus.RETURNED):
        raise ValidationError(_("The batch has been submitted: it can no longer be changed."))


def line_problems(line: ProposalLine, *, on: dt.date) -> list[str]:
    """Why a proposal cannot go into its batch: the award's recipients, the unit, the
    once-per-person rule across all batches, and the eligibility rules."""
    problems = []
    award_type = line.award_type
    kind_problem = _award_problem(award_type, line.recipient_kind)
    if kind_problem:
        problems.append(kind_problem)
    if not line.unit.current_path.startswith(line.batch.unit.path):
        problems.append(
            _("%(unit)s is not under %(batch_unit)s.")
            % {"unit": line.unit, "batch_unit": line.batch.unit}
        )
    decider_level = line.batch.decider.level_id
    if award_type.giver_level_id is not None and award_type.giver_level_id != decider_level:
        problems.append(
            _("%(award)s is decided at the level of %(level)s, not by %(unit)s.")
            % {
                "award": award_type,
                "level": award_type.giver_level,
                "unit": line.batch.decider,
            }
        )
    person = line.person
    if person is None or kind_problem:
        return problems
    if not person.unit.current_path.startswith(line.batch.unit.path):
        problems.append(
            _("%(person)s is not under %(batch_unit)s.")
            % {"person": person, "batch_unit": line.batch.unit}
        )
    if person.died_on is not None and not award_type.posthumous:
        problems.append(
            _("%(person)s: %(award)s is not given posthumously.")
            % {"person": person.full_name, "award": award_type}
        )
    if person.merged_into_id is not None:
        problems.append(_("This record was merged into %(code)s.") % {"code": person.merged_into})
        return problems
    if award_type.once_per_person:
        other = (
            ProposalLine.objects.filter(person=person, award_type=award_type)
            .exclude(batch__status=BatchStatus.DECIDED)
            .exclude(status=LineStatus.RETURNED)
            .exclude(pk=line.pk)
            .select_related("batch")
            .first()
        )
        if other is not None:
            problems.append(
                _("%(person)s is already proposed for %(award)s in batch %(batch)s.")
                % {"person": person.full_name, "award": award_type, "batch": other.batch.code}
            )
    if award_type.rules.exists() or award_type.once_per_person:
        verdict = eligibility(person, award_type, on)
        line.verdict = verdict.text[:500]
        if not verdict.eligible:
            problems.append(f"{person.full_name}: {verdict.text}")
    return problems


@transaction.atomic
def line_add(
    *,
    actor: Actor,
    batch: Batch,
    award_type: AwardType,
    unit: Unit,
    person: Person | None = None,
    collective_name: str = "",
    achievement: str = "",
) -> ProposalLine:
    batch = Batch.objects.select_for_update().select_related("unit").get(pk=batch.pk)
    _editable(actor, batch)
    line = ProposalLine(
        batch=batch,
        recipient_kind=RecipientKind.INDIVIDUAL if person else RecipientKind.COLLECTIVE,
        person=person,
        collective_name="" if person else normalize(collective_name),
        unit=person.unit if person else unit,  # a person's award counts in their unit
        award_type=award_type,
        achievement=normalize(achievement),
    )
    line.full_clean(exclude=["verdict"])
    problems = line_problems(line, on=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    line.save()
    record_change(
        actor=actor,
        instance=batch,
        action=ChangeAction.UPDATE,
        after={"line": f"{line.recipient} · {award_type}"},
    )
    return line


@transaction.atomic
def line_remove(*, actor: Actor, line: ProposalLine) -> None:
    batch = line.batch
    _editable(actor, batch)
    record_change(
        actor=actor,
        instance=batch,
        action=ChangeAction.UPDATE,
        before={"line": f"{line.recipient} · {line.award_type}"},
    )
    line.delete()


def _step(
    *,
    actor: Actor,
    batch: Batch,
    action: StepAction,
    to: Unit,
    status: BatchStatus,
    note: str = "",
) -> BatchStep:
    """Record the batch's move to `to` in `status`, in its history and its change log."""
    step = BatchStep.objects.create(
        batch=batch, action=action, from_unit=batch.at_unit, to_unit=to, actor=actor, note=note
    )
    record_change(
        actor=actor,
        instance=batch,
        action=ChangeAction.UPDATE,
        before={"status": batch.get_status_display(), "at_unit": str(batch.at_unit)},
        after={
            "action": str(step.get_action_display()),
            "status": str(status.label),
            "at_unit": str(to),
        },
        reason=note,
    )
    batch.status, batch.at_unit = status, to
    batch.save(update_fields=["status", "at_unit"])
    return step


def _locked(batch: Batch) -> Batch:
    return (
        Batch.objects.select_for_update()
        .select_related("unit", "at_unit", "decider")
        .get(pk=batch.pk)
    )


@transaction.atomic
def batch_submit(*, actor: Actor, batch: Batch) -> Batch:
    """Send the batch to the level above (or to its own unit when that unit decides); every
    proposal is checked again, as the rules and other batches may have changed."""
    batch = _locked(batch)
    _editable(actor, batch)
    lines = list(batch.lines.select_related("person", "award_type", "unit", "batch__unit"))
    if not lines:
        raise ValidationError(_("Add at least one proposal before submitting."))
    problems = [p for line in lines for p in line_problems(line, on=timezone.localdate())]
    if problems:
        raise ValidationError(problems)
    for line in lines:
        line.status, line.reason = LineStatus.PENDING, ""
        line.save(update_fields=["status", "reason", "verdict"])
    target = batch.decider if batch.unit == batch.decider else batch.unit.parent
    assert target is not None
    _step(
        actor=actor,
        batch=batch,
        action=StepAction.SUBMITTED,
        to=target,
        status=BatchStatus.SUBMITTED,
    )
    return batch


def _reviewing(actor: Actor, batch: Batch) -> None:
    """The batch is under review and the actor approves at the unit it has reached: a level
    above does not stand in for the level below."""
    if batch.status != BatchStatus.SUBMITTED:
        raise ValidationError(_("The batch is not under review."))
    if actor is not None and not user_acts_for(actor, Role.APPROVER, batch.at_unit):
        raise PermissionDenied(
            _("Only the approvers of %(unit)s review the batch now.") % {"unit": batch.at_unit}
        )


@transaction.atomic
def line_review(*, actor: Actor, line: ProposalLine, accepted: bool, reason: str = "") -> None:
    """This level's verdict on one proposal: accepted, or returned with a reason."""
    batch = _locked(line.batch)
    _reviewing(actor, batch)
    if line.status == LineStatus.RETURNED and line.reviews.exclude(unit=batch.at_unit).exists():
        raise ValidationError(_("A level below returned this proposal."))
    if not accepted and not reason.strip():
        raise ValidationError(_("Give the reason for returning the proposal."))
    LineReview.objects.create(
        line=line, unit=batch.at_unit, accepted=accepted, reason=normalize(reason), actor=actor
    )
    line.status = LineStatus.ACCEPTED if accepted else LineStatus.RETURNED
    line.reason = "" if accepted else normalize(reason)
    line.save(update_fields=["status", "reason"])
    record_change(
        actor=actor,
        instance=batch,
        action=ChangeAction.UPDATE,
        after={"line": line.recipient, "status": str(line.get_status_display())},
        reason=line.reason,
    )


def _all_reviewed(batch: Batch) -> None:
    if batch.lines.filter(status=LineStatus.PENDING).exists():
        raise ValidationError(_("Accept or return every proposal first."))
    if not batch.lines.filter(status=LineStatus.ACCEPTED).exists():
        raise ValidationError(
            _("No proposal was accepted: return the batch to %(unit)s instead.")
            % {"unit": batch.unit}
        )


@transaction.atomic
def batch_forward(*, actor: Actor, batch: Batch, note: str = "") -> Batch:
    """Pass the reviewed batch on to the level above; its accepted proposals await review
    there."""
    batch = _locked(batch)
    _reviewing(actor, batch)
    if batch.at_unit == batch.decider:
        raise ValidationError(_("This unit decides the batch: record the decision."))
    _all_reviewed(batch)
    target = batch.at_unit.parent
    assert target is not None
    batch.lines.filter(status=LineStatus.ACCEPTED).update(status=LineStatus.PENDING)
    _step(
        actor=actor,
        batch=batch,
        action=StepAction.FORWARDED,
        to=target,
        status=BatchStatus.SUBMITTED,
        note=normalize(note),
    )
    return batch


@transaction.atomic
def batch_return(*, actor: Actor, batch: Batch, reason: str) -> Batch:
    """Send the whole batch back to the unit that drew it up, with the reason."""
    batch = _locked(batch)
    _reviewing(actor, batch)
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning the batch."))
    _step(
        actor=actor,
        batch=batch,
        action=StepAction.RETURNED,
        to=batch.unit,
        status=BatchStatus.RETURNED,
        note=normalize(reason),
    )
    return batch


@transaction.atomic
def batch_decide(
    *,
    actor: Actor,
    batch: Batch,
    number: str,
    date: dt.date,
    giver: str,
    signer_name: str,
    signer_title: str,
) -> Decision:
    """Record the deciding body's decision: every accepted proposal becomes an award."""
    batch = _locked(batch)
    _reviewing(actor, batch)
    if batch.at_unit != batch.decider:
        raise ValidationError(
            _("Only %(unit)s decides this batch: pass it on.") % {"unit": batch.decider}
        )
    _all_reviewed(batch)
    if date > timezone.localdate() or date.year < batch.year:
        raise ValidationError(
            _("The decision must be dated between the batch's year (%(year)s) and today.")
            % {"year": batch.year}
        )
    decision = Decision(
        batch=batch,
        number=normalize(number),
        date=date,
        giver=normalize(giver),
        signer_name=normalize(signer_name),
        signer_title=normalize(signer_title),
        recorded_by=actor,
    )
    decision.full_clean()
    same = Decision.objects.filter(number=decision.number, giver=decision.giver)
    if same.filter(date__year=date.year).exists():
        raise ValidationError(
            _("Decision %(number)s of %(year)s is already recorded.")
            % {"number": decision.number, "year": date.year}
        )
    decision.save()
    lines = list(
        batch.lines.filter(status=LineStatus.ACCEPTED).select_related("award_type", "person")
    )
    _still_eligible(lines, on=date)
    awards = [
        Award(
            award_type=line.award_type,
            recipient_kind=line.recipient_kind,
            person=line.person,
            collective_name=line.collective_name,
            unit=line.unit,
            decided_on=date,
            decision_number=decision.number,
            giver=decision.giver,
            decision=decision,
            line=line,
            achievement=line.achievement,
            once_per_person=line.award_type.once_per_person,
            is_sample=batch.is_sample,
        )
        for line in lines
    ]
    _save_awards(awards)
    batch.lines.filter(status=LineStatus.ACCEPTED).update(status=LineStatus.AWARDED)
    _step(
        actor=actor,
        batch=batch,
        action=StepAction.DECIDED,
        to=batch.at_unit,
        status=BatchStatus.DECIDED,
        note=f"{decision.number} {format_date(date)}",
    )
    return decision


def _still_eligible(lines: list[ProposalLine], *, on: dt.date) -> None:
    """People may have died or been disciplined while the batch went up: check again."""
    problems = []
    for line in lines:
        person, award_type = line.person, line.award_type
        if person is None:
            continue
        if person.died_on is not None and not award_type.posthumous:
            problems.append(
                _("%(person)s: %(award)s is not given posthumously.")
                % {"person": person.full_name, "award": award_type}
            )
        elif award_type.rules.exists():
            verdict = eligibility(person, award_type, on)
            if not verdict.eligible and not (award_type.once_per_person and verdict.held):
                problems.append(f"{person.full_name}: {verdict.text}")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def ceremony_record(
    *, actor: Actor, decision: Decision, date: dt.date, place: str, presented_by: str
) -> Ceremony:
    _require(actor, Role.EDITOR, decision.batch.unit)
    if date < decision.date:
        raise ValidationError(_("The ceremony cannot come before the decision."))
    ceremony = Ceremony(
        decision=decision, date=date, place=normalize(place), presented_by=normalize(presented_by)
    )
    ceremony.full_clean()
    ceremony.save()
    record_change(
        actor=actor,
        instance=decision.batch,
        action=ChangeAction.UPDATE,
        after={"ceremony": str(ceremony), "presented_by": ceremony.presented_by},
    )
    return ceremony


@transaction.atomic
def lines_import(*, actor: Actor, batch: Batch, rows: "list[LineRow]") -> int:
    """Write checked rows of a list into the batch: people new to the registry are added
    (with their service in the sector when the row gives it), then each row is proposed
    like a single line. One transaction: one refused row and nothing is written."""
    batch = _locked(batch)
    _editable(actor, batch)
    errors: list[str] = []
    for row in rows:
        data = dict(row.data)
        try:
            if row.new_person is not None:
                person = person_create(
                    actor=actor, unit=data["unit"], reason="Excel", **row.new_person
                )
                if row.sector_since is not None:
                    service_period_add(
                        actor=actor,
                        person=person,
                        start=row.sector_since,
                        position=person.position or "-",
                        organisation=data["unit"].name,
                    )
                data["person"] = person
            line_add(actor=actor, batch=batch, **data)
        except ValidationError as exc:
            errors.extend(
                _("Row %(row)s: %(message)s") % {"row": row.number, "message": message}
                for message in exc.messages
            )
    if errors:
        raise ValidationError(errors)
    return len(rows)


@transaction.atomic
def lines_add_people(
    *, actor: Actor, batch: Batch, people: list[Person], award_type: AwardType
) -> int:
    """Propose several people for one award (from the eligibility list): all or none."""
    errors: list[str] = []
    for person in people:
        try:
            line_add(
                actor=actor, batch=batch, award_type=award_type, unit=person.unit, person=person
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return len(people)


@transaction.atomic
def lines_accept_pending(*, actor: Actor, batch: Batch) -> int:
    """Accept, at this level, every proposal still awaiting review."""
    pending = list(batch.lines.filter(status=LineStatus.PENDING))
    for line in pending:
        line_review(actor=actor, line=line, accepted=True)
    return len(pending)
