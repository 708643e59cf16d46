"""Reads of awards, always through the user's scope."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scope_q, scoped, user_can
from danvan.awards.eligibility import Verdict, assess
from danvan.awards.models import (
    Award,
    AwardType,
    Batch,
    BatchStatus,
    EligibilityRule,
    LineStatus,
    Person,
    ProposalLine,
)
from danvan.capability.declaration import Pending
from danvan.common.text import fold, query_words
from danvan.units.models import Unit


def people_visible(user: AnyUser) -> QuerySet[Person]:
    """People in the user's scope, merged duplicates left out."""
    return scoped(user, Person.objects.filter(merged_into__isnull=True)).select_related(
        "unit", "category"
    )


def person_get(user: AnyUser, *, pk: int) -> Person:
    person = scoped(user, Person.objects.select_related("unit", "category", "merged_into"))
    found = person.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def people_matching(queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    """People with a word starting with each word of `text`, diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def people_within(queryset: QuerySet[Person], unit: Unit) -> QuerySet[Person]:
    return queryset.filter(unit__current_path__startswith=unit.path)


def likely_duplicates(user: AnyUser) -> list[list[Person]]:
    """Groups of people in scope with the same birth date and the same name once diacritics
    are ignored ("Nguyễn Văn Hùng" and "Nguyen Van Hung"): candidates for a merge."""
    people = people_visible(user).order_by("birth_date", "code")
    repeated = (
        people.values("birth_date").annotate(n=Count("pk")).filter(n__gt=1).values("birth_date")
    )
    groups: dict[tuple[dt.date, str], list[Person]] = defaultdict(list)
    for person in people.filter(birth_date__in=repeated):
        groups[(person.birth_date, fold(person.full_name))].append(person)
    return [group for group in groups.values() if len(group) > 1]


def rule_in_force(award_type: AwardType, category_id: int, on: dt.date) -> EligibilityRule | None:
    return (
        EligibilityRule.objects.filter(
            award_type=award_type, category_id=category_id, effective_from__lte=on
        )
        .prefetch_related("higher_honours")
        .order_by("-effective_from")
        .first()
    )


def _with_history(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.prefetch_related(
        "service",
        "disciplines",
        Prefetch("awards", queryset=Award.objects.select_related("award_type")),
    )


def _verdicts(people: list[Person], award_type: AwardType, on: dt.date) -> list[Verdict]:
    rules: dict[int, EligibilityRule | None] = {}
    verdicts = []
    for person in people:
        if person.category_id not in rules:
            rules[person.category_id] = rule_in_force(award_type, person.category_id, on)
        rule = rules[person.category_id]
        verdicts.append(
            assess(
                person,
                award_type,
                on=on,
                rule=rule,
                periods=list(person.service.all()),
                awards=list(person.awards.all()),
                disciplines=list(person.disciplines.all()),
                higher_honour_ids={t.pk for t in rule.higher_honours.all()} if rule else set(),
            )
        )
    return verdicts


def eligibility(person: Person, award_type: AwardType, on: dt.date) -> Verdict:
    fresh = _with_history(Person.objects.filter(pk=person.pk).select_related("category")).get()
    return _verdicts([fresh], award_type, on)[0]


def eligibility_all(person: Person, on: dt.date) -> list[tuple[AwardType, Verdict]]:
    """The verdict for each award type given to individuals that has rules."""
    fresh = _with_history(Person.objects.filter(pk=person.pk).select_related("category")).get()
    types = AwardType.objects.filter(for_individuals=True, rules__isnull=False).distinct()
    return [(t, _verdicts([fresh], t, on)[0]) for t in types]


@dataclass
class Candidate:
    person: Person
    verdict: Verdict


def eligible_people(
    user: AnyUser | None, *, unit: Unit, award_type: AwardType, on: dt.date
) -> list[Candidate]:
    """Everyone in the unit's subtree (within the user's scope; None: the system, for the
    command line) who may be proposed for the award on the day and has not received it, nor
    is proposed for it in an open batch."""
    base = people_visible(user) if user is not None else Person.objects.filter(merged_into=None)
    people = people_within(base, unit).filter(died_on__isnull=True)
    if award_type.once_per_person:
        people = people.exclude(
            awards__award_type=award_type, awards__revoked_on__isnull=True
        ).exclude(pk__in=proposed_ids(award_type))
    chosen = list(_with_history(people).order_by("full_name", "birth_date"))
    return [
        Candidate(person, verdict)
        for person, verdict in zip(chosen, _verdicts(chosen, award_type, on), strict=True)
        if verdict.eligible
    ]


def proposed_ids(award_type: AwardType) -> QuerySet[ProposalLine, int]:
    """People proposed for the award in a batch not yet decided (and not returned)."""
    return (
        ProposalLine.objects.filter(award_type=award_type, person__isnull=False)
        .exclude(batch__status=BatchStatus.DECIDED)
        .exclude(status=LineStatus.RETURNED)
        .values_list("person_id", flat=True)
    )


def batches_visible(user: AnyUser) -> QuerySet[Batch]:
    """Batches drawn up in the user's scope, and batches that have reached a unit in it."""
    condition = scope_q(user, unit_field="unit") | scope_q(user, unit_field="at_unit")
    return Batch.objects.filter(condition).select_related("unit", "at_unit", "decider")


def batch_get(user: AnyUser, *, pk: int) -> Batch:
    batch = batches_visible(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def batch_lines(batch: Batch) -> QuerySet[ProposalLine]:
    return batch.lines.select_related("person", "unit", "award_type").prefetch_related(
        "reviews__unit"
    )


def batches_awaiting(user: AnyUser) -> QuerySet[Batch]:
    """Batches waiting at a unit where the user may review them."""
    return scoped(
        user,
        Batch.objects.filter(status=BatchStatus.SUBMITTED),
        unit_field="at_unit",
        minimum=Role.APPROVER,
    ).select_related("unit", "at_unit")


def can_review(user: AnyUser, batch: Batch) -> bool:
    return batch.status == BatchStatus.SUBMITTED and user_can(user, Role.APPROVER, batch.at_unit)


def can_edit(user: AnyUser, batch: Batch) -> bool:
    return batch.status in (BatchStatus.DRAFT, BatchStatus.RETURNED) and user_can(
        user, Role.EDITOR, batch.unit
    )


def awards_visible(user: AnyUser) -> QuerySet[Award]:
    return scoped(user, Award.objects.all()).select_related(
        "award_type", "person", "unit", "decision"
    )


def award_get(user: AnyUser, *, pk: int) -> Award:
    found = awards_visible(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class AwardStatistics:
    total: int
    revoked: int
    by_type: list[tuple[str, int, int]]  # (award type, individuals, collectives)
    by_giver: list[tuple[str, int]]
    by_year: list[tuple[int, int]]


def award_statistics(queryset: QuerySet[Award]) -> AwardStatistics:
    """Awards in force by type and recipient kind, by giver and by year; revoked apart."""
    in_force = queryset.filter(revoked_on__isnull=True)
    by_type: dict[str, list[int]] = {}
    rows = in_force.values("award_type__name", "recipient_kind").annotate(n=Count("pk"))
    for row in rows.order_by("-award_type__rank", "award_type__name"):
        counts = by_type.setdefault(row["award_type__name"], [0, 0])
        counts[0 if row["recipient_kind"] == "individual" else 1] += row["n"]
    givers = in_force.values("giver").annotate(n=Count("pk")).order_by("-n", "giver")
    years = (
        in_force.annotate(year=ExtractYear("decided_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return AwardStatistics(
        total=in_force.count(),
        revoked=queryset.filter(~Q(revoked_on=None)).count(),
        by_type=[(name, i, c) for name, (i, c) in by_type.items()],
        by_giver=[(row["giver"], row["n"]) for row in givers],
        by_year=[(row["year"], row["n"]) for row in years],
    )


def work_pending(user: AnyUser) -> list[Pending]:
    """For the home page: batches of proposals waiting at a unit the user reviews for."""
    waiting = batches_awaiting(user).count()
    return [Pending(_("Award batches to review"), waiting, reverse("awards:batches"))]
