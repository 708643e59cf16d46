"""Reads of the unit structure. These know nothing of users: see accounts.selectors for scope."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.common.text import query_words
from danvan.units.models import LineageLink, Unit


def today() -> dt.date:
    return timezone.localdate()


def unit_by_code(*, code: str, on: dt.date | None = None) -> Unit | None:
    """The unit with this code valid on the date (default today), else the latest with it."""
    candidates = Unit.objects.filter(code=code).select_related("level", "kind")
    found = candidates.valid_on(on or today()).first()
    return found or candidates.order_by("-valid_from", "-pk").first()


def units_within(*, unit: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    """The unit and everything below it as the structure was on the date (one prefix filter)."""
    queryset = Unit.objects.filter(path__startswith=unit.path)
    return queryset.valid_on(on) if on is not None else queryset


def units_counting_under(*, unit: Unit) -> QuerySet[Unit]:
    """Units whose records count under `unit` today, including those merged into it."""
    return Unit.objects.filter(current_path__startswith=unit.current_path)


def units_then(*, unit: Unit, on: dt.date) -> QuerySet[Unit]:
    """The units of `unit`'s level that stood, on that date, where `unit` stands today: itself
    if it was valid then, else the units that have since merged or turned into it."""
    return (
        Unit.objects.valid_on(on)
        .filter(current_path__startswith=unit.current_path, depth=unit.depth)
        .order_by("code")
    )


def units_matching(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """Units with a word starting with each word of `text`, diacritics ignored."""
    for word in query_words(text):
        queryset = queryset.filter(search_key__contains=f" {word}")
    return queryset


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """The units above `unit`, top first, in one query."""
    by_id = Unit.objects.in_bulk(unit.ancestor_ids)
    return [by_id[pk] for pk in unit.ancestor_ids if pk in by_id]


def unit_predecessors(*, unit: Unit, among: QuerySet[Unit]) -> QuerySet[LineageLink]:
    """Links to the units `unit` came from, limited to the units in `among`."""
    return (
        LineageLink.objects.filter(successor=unit, predecessor__in=among.values("pk"))
        .select_related("event", "predecessor")
        .order_by("-event__effective_date", "predecessor__name")
    )


def unit_history(
    *, unit: Unit, among: QuerySet[Unit]
) -> tuple[list[LineageLink], list[LineageLink]]:
    """Every earlier and every later step of the unit's line, nearest first (within `among`).

    One query per generation; lines are a handful of generations deep.
    """
    earlier: list[LineageLink] = []
    frontier = [unit.pk]
    seen = set(frontier)
    while frontier:
        links = list(
            LineageLink.objects.filter(
                successor_id__in=frontier, predecessor__in=among.values("pk")
            )
            .select_related("event", "predecessor", "successor")
            .order_by("-event__effective_date", "predecessor__name")
        )
        earlier.extend(links)
        frontier = [ln.predecessor_id for ln in links if ln.predecessor_id not in seen]
        seen.update(frontier)
    later: list[LineageLink] = []
    frontier = [unit.pk]
    seen = set(frontier)
    while frontier:
        links = list(
            LineageLink.objects.filter(predecessor_id__in=frontier)
            .filter(Q(successor__isnull=True) | Q(successor__in=among.values("pk")))
            .select_related("event", "predecessor", "successor")
            .order_by("event__effective_date", "successor__name")
        )
        later.extend(links)
        frontier = [
            ln.successor_id for ln in links if ln.successor_id and ln.successor_id not in seen
        ]
        seen.update(frontier)
    return earlier, later


def unit_successors(*, unit: Unit, among: QuerySet[Unit]) -> QuerySet[LineageLink]:
    """Links to what `unit` became (a null successor: abolished), limited to `among`."""
    return (
        LineageLink.objects.filter(predecessor=unit)
        .filter(Q(successor__isnull=True) | Q(successor__in=among.values("pk")))
        .select_related("event", "successor")
        .order_by("-event__effective_date", "successor__name")
    )


def level_summary(*, on: dt.date) -> dict[str, int]:
    """How many units of each level are valid on the date, by level code."""
    rows = (
        Unit.objects.valid_on(on)
        .values("level__code", "level__rank")
        .annotate(count=Count("pk"))
        .order_by("level__rank")
    )
    return {row["level__code"]: row["count"] for row in rows}


@dataclass
class TreeNode:
    unit: Unit
    children: list["TreeNode"] = field(default_factory=list)


def unit_tree(
    *, root: Unit | None = None, on: dt.date, max_depth: int | None = None
) -> list[TreeNode]:
    """The tree as it was on the date, below `root` (or from the top), in one query."""
    queryset = Unit.objects.valid_on(on).select_related("level", "kind")
    if root is not None:
        queryset = queryset.filter(path__startswith=root.path)
        if max_depth is not None:
            queryset = queryset.filter(depth__lte=root.depth + max_depth)
    elif max_depth is not None:
        queryset = queryset.filter(depth__lte=max_depth)
    nodes: dict[int, TreeNode] = {}
    roots: list[TreeNode] = []
    for unit in queryset.order_by("path"):
        node = TreeNode(unit)
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def children_of(*, unit: Unit, on: dt.date, among: QuerySet[Unit]) -> QuerySet[Unit]:
    """The units of `among` directly below `unit` on the date, with how many of `among` each
    has below it; by kind, then code (official codes and numbered teams keep their order)."""
    among_ids = among.values("pk")
    return (
        unit.children.valid_on(on)
        .filter(pk__in=among_ids)
        .select_related("level", "kind")
        .annotate(
            child_count=Count(
                "children",
                filter=(Q(children__valid_from__isnull=True) | Q(children__valid_from__lte=on))
                & (Q(children__valid_until__isnull=True) | Q(children__valid_until__gte=on))
                & Q(children__in=among_ids),
            )
        )
        .order_by("kind__name", "code")
    )
