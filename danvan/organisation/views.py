"""Unit pages: the tree browser with search, a unit's page, and tree fragments."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.accounts.selectors import (
    children_visible,
    home_units,
    unit_get,
    units_listed,
    units_visible,
)
from danvan.audit.selectors import changes_of
from danvan.common.dates import parse_date
from danvan.organisation.filters import UnitFilter
from danvan.units.selectors import (
    today,
    unit_ancestors,
    unit_history,
)

PAGE_SIZE = 50


def _day(request: HttpRequest) -> dt.date:
    """The date the structure is shown for: ?on=dd/mm/yyyy, default today."""
    try:
        return parse_date(request.GET.get("on", ""))
    except ValueError:
        return today()


@login_required
def unit_browse(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    searching = bool(request.GET.get("q") or request.GET.get("level") or request.GET.get("kind"))
    unit_filter = UnitFilter(
        {**request.GET.dict(), "on": day.strftime("%d/%m/%Y")},
        queryset=units_listed(request.user).select_related("level", "kind", "parent"),
    )
    page = None
    if searching:
        page = Paginator(unit_filter.qs.order_by("path"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    roots = [unit for unit in home_units(request.user) if unit.is_valid_on(day)]
    roots_children = {unit.pk: children_visible(request.user, unit=unit, on=day) for unit in roots}
    return render(
        request,
        "organisation/browse.html",
        {
            "filter": unit_filter,
            "page": page,
            "searching": searching,
            "day": day,
            "roots": [(unit, roots_children[unit.pk]) for unit in roots],
        },
    )


@login_required
def unit_children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of a unit as tree items, fetched when a branch is opened."""
    unit = unit_get(request.user, pk=pk)
    day = _day(request)
    return render(
        request,
        "organisation/_tree_items.html",
        {"children": children_visible(request.user, unit=unit, on=day), "day": day},
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get(request.user, pk=pk)
    day = _day(request) if "on" in request.GET else (unit.valid_until or today())
    visible = units_visible(request.user)
    visible_ids = set(visible.filter(pk__in=unit.ancestor_ids).values_list("pk", flat=True))
    children = Paginator(children_visible(request.user, unit=unit, on=day), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "organisation/detail.html",
        {
            "unit": unit,
            "day": day,
            "ancestors": [a for a in unit_ancestors(unit=unit) if a.pk in visible_ids],
            "children": children,
            "history": unit_history(unit=unit, among=visible),
            "changes": changes_of(instance=unit)[:100],
        },
    )
