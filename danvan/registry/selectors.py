"""Reads of the registry, always through the user's scope."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped, units_visible
from danvan.capability.declaration import Pending
from danvan.common.text import query_words
from danvan.registry.models import Entry, EntryKind, ExemplarType, Field, Status
from danvan.units.models import Unit


def entries_visible(user: AnyUser) -> QuerySet[Entry]:
    """The user's entries, each with `copies_visible`: whether the entry it replicates may
    be shown (it may lie in another unit's scope)."""
    visible = scoped(user, Entry.objects.all(), unit_field="unit")
    return visible.select_related("unit", "commune", "field", "period", "copies").annotate(
        copies_visible=Exists(visible.filter(pk=OuterRef("copies_id")))
    )


def owner_units(user: AnyUser) -> QuerySet[Unit]:
    """Units in force that the user may register entries for (villages report through their
    commune)."""
    return scoped(user, Unit.objects.current(), unit_field="", minimum=Role.EDITOR).exclude(
        level__code="village"
    )


def communes_for(user: AnyUser) -> QuerySet[Unit]:
    """Communes in force the user may name as the place where an entry happens (not the
    grassroots blocks, which share the commune level)."""
    communes = units_visible(user).filter(level__code="commune", valid_until__isnull=True)
    return communes.exclude(kind__code="block")


def entry_get(user: AnyUser, *, pk: int) -> Entry:
    entry = entries_visible(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def entries_matching(queryset: QuerySet[Entry], text: str) -> QuerySet[Entry]:
    """Entries with a word starting with each word of `text`, diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def entries_within(queryset: QuerySet[Entry], unit: Unit) -> QuerySet[Entry]:
    """Entries of `unit` and everything that counts under it today (merged units included)."""
    return queryset.filter(unit__current_path__startswith=unit.path)


def entries_in_force(queryset: QuerySet[Entry], year: int) -> QuerySet[Entry]:
    """Entries that had started by the end of the year and were not discontinued before it."""
    end, start = dt.date(year, 12, 31), dt.date(year, 1, 1)
    return queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=end)).exclude(
        status=Status.DISCONTINUED, status_date__lt=start
    )


@dataclass
class Statistics:
    total: int
    by_status: dict[str, int]
    by_kind: dict[str, int]
    collective: int
    individual: int
    # rows: (field name, {(kind, status): count}, row total)
    rows: list[tuple[str, dict[str, int], int]] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


def entry_statistics(queryset: QuerySet[Entry]) -> Statistics:
    """Counts by field by kind by status, and collective vs individual, in one query."""
    rows = queryset.values("field_id", "kind", "status", "exemplar_type").annotate(n=Count("pk"))
    fields = {f.pk: f for f in Field.objects.all()}
    columns = [
        (f"{k}:{s}", f"{EntryKind(k).label} · {Status(s).label}")
        for k in EntryKind.values
        for s in Status.values
    ]
    table: dict[str, dict[str, int]] = {}
    by_status = dict.fromkeys(Status.values, 0)
    by_kind = dict.fromkeys(EntryKind.values, 0)
    collective = individual = total = 0
    for row in rows:
        name = fields[row["field_id"]].top.name
        key = f"{row['kind']}:{row['status']}"
        table.setdefault(name, {})
        table[name][key] = table[name].get(key, 0) + row["n"]
        by_status[row["status"]] += row["n"]
        by_kind[row["kind"]] += row["n"]
        total += row["n"]
        if row["exemplar_type"] == ExemplarType.COLLECTIVE:
            collective += row["n"]
        elif row["exemplar_type"] == ExemplarType.INDIVIDUAL:
            individual += row["n"]
    order = {f.name: f.order for f in fields.values() if f.parent_id is None}
    return Statistics(
        total=total,
        by_status=by_status,
        by_kind=by_kind,
        collective=collective,
        individual=individual,
        rows=[
            (name, cells, sum(cells.values()))
            for name, cells in sorted(table.items(), key=lambda item: order.get(item[0], 99))
        ],
        columns=columns,
    )


def work_pending(user: AnyUser) -> list[Pending]:
    """For the home page: newly registered entries an approver of theirs has to assess."""
    waiting = scoped(user, Entry.objects.filter(status=Status.REGISTERED), minimum=Role.APPROVER)
    url = f"{reverse('registry:list')}?status={Status.REGISTERED}"
    return [Pending(_("Models and exemplars awaiting assessment"), waiting.count(), url)]
