"""Unit pages: the tree browser with search, a unit's page, tree fragments, and the pages
where administrators add a village team or block and record a structural change."""

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from danvan.accounts.models import Role
from danvan.accounts.permissions import may
from danvan.accounts.selectors import (
    children_visible,
    home_units,
    scoped,
    unit_get,
    units_listed,
    units_visible,
)
from danvan.capability.views import ActionPage, CapabilityView, FormPage, RecordPage
from danvan.common.dates import parse_date
from danvan.organisation import services
from danvan.organisation.filters import UnitFilter
from danvan.organisation.forms import (
    MERGE_INTO_NEW,
    GrassrootsForm,
    MergeForm,
    RenameForm,
    SplitForm,
    StepForm,
    TransferForm,
)
from danvan.units.models import LineageEvent, Unit
from danvan.units.selectors import today, unit_ancestors, unit_history
from danvan.units.services import NewUnit

PAGE_SIZE = 50


def _day(request: HttpRequest) -> dt.date:
    """The date the structure is shown for: ?on=dd/mm/yyyy, default today."""
    try:
        return parse_date(request.GET.get("on", ""))
    except ValueError:
        return today()


def unit_url(unit: Unit) -> str:
    return reverse("organisation:detail", args=[unit.pk])


class UnitBrowse(CapabilityView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        day = _day(request)
        searching = any(request.GET.get(name) for name in ("q", "level", "kind"))
        unit_filter = UnitFilter(
            {**request.GET.dict(), "on": day.strftime("%d/%m/%Y")},
            queryset=units_listed(request.user).select_related("level", "kind", "parent"),
        )
        page = None
        if searching:
            ordered = unit_filter.qs.order_by("path")
            page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
        roots = [unit for unit in home_units(request.user) if unit.is_valid_on(day)]
        return render(
            request,
            "organisation/browse.html",
            {
                "filter": unit_filter,
                "page": page,
                "searching": searching,
                "day": day,
                "roots": [
                    (unit, children_visible(request.user, unit=unit, on=day)) for unit in roots
                ],
            },
        )


class UnitChildren(CapabilityView):
    """The children of a unit as tree items, fetched when a branch is opened."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unit = unit_get(request.user, pk=kwargs["pk"])
        day = _day(request)
        children = children_visible(request.user, unit=unit, on=day)
        return render(request, "organisation/_tree_items.html", {"children": children, "day": day})


def may_change(actor: Any, unit: Unit) -> bool:
    """Whether the user may record a change of the unit: an administrator above it."""
    return unit.valid_until is None and may(actor, Role.ADMIN, unit.parent or unit)


def may_add(actor: Any, unit: Unit) -> bool:
    """Whether the user may add a village team or block to the unit: a commune in force,
    under their administration."""
    return (
        unit.valid_until is None and unit.level.code == "commune" and may(actor, Role.ADMIN, unit)
    )


class UnitPage(RecordPage[Unit]):
    template_name = "organisation/detail.html"

    def record(self) -> Unit:
        return unit_get(self.request.user, pk=self.kwargs["pk"])

    def context(self, record: Unit) -> dict[str, Any]:
        request = self.request
        day = _day(request) if "on" in request.GET else (record.valid_until or today())
        visible = units_visible(request.user)
        visible_ids = set(visible.filter(pk__in=record.ancestor_ids).values_list("pk", flat=True))
        children = children_visible(request.user, unit=record, on=day)
        return {
            "unit": record,
            "day": day,
            "ancestors": [a for a in unit_ancestors(unit=record) if a.pk in visible_ids],
            "children": Paginator(children, PAGE_SIZE).get_page(request.GET.get("page")),
            "history": unit_history(unit=record, among=visible),
            "can_change": may_change(self.actor, record),
            "can_add": may_add(self.actor, record),
        }


class GrassrootsCreate(FormPage[Unit]):
    form_class = GrassrootsForm
    template_name = "organisation/grassroots_form.html"
    success_message = gettext_lazy("Added %(record)s.")

    def parent(self) -> Unit:
        return unit_get(self.request.user, pk=self.kwargs["pk"])

    def allowed(self, record: Unit | None) -> bool:
        return may_add(self.actor, self.parent())

    def context(self, form: Any, record: Unit | None) -> dict[str, Any]:
        return {"parent": self.parent()}

    def save(self, form: GrassrootsForm, record: Unit | None) -> Unit:
        return services.grassroots_unit_create(
            actor=self.actor, parent=self.parent(), **form.cleaned_data
        )

    def success_url(self, record: Unit) -> str:
        return unit_url(record)


class StructureStep(ActionPage[Unit]):
    """A structural change of the unit of the URL, confirmed on its own page."""

    form_class = StepForm
    template_name = "organisation/step.html"
    danger = True
    success_message = gettext_lazy("The change was recorded.")
    done: Unit | None = None  # where the officer goes afterwards (a successor)

    def record(self) -> Unit:
        return unit_get(self.request.user, pk=self.kwargs["pk"])

    def allowed(self, record: Unit) -> bool:
        return may_change(self.actor, record)

    def success_url(self, record: Unit) -> str:
        return unit_url(self.done or record)

    def follow(self, event: LineageEvent, fallback: Unit) -> None:
        """Afterwards, show the unit the change made (the default successor)."""
        link = event.links.filter(is_default=True).select_related("successor").first()
        self.done = link.successor if link and link.successor else fallback


class UnitRename(StructureStep):
    form_class = RenameForm
    title = gettext_lazy("Rename the unit")
    danger = False

    def act(self, form: RenameForm, record: Unit) -> None:
        event = services.structure_rename(actor=self.actor, unit=record, **form.cleaned_data)
        self.follow(event, record)


def _admin_units(actor: Any, *, level_id: int, exclude: Unit) -> QuerySet[Unit]:
    units = scoped(actor, Unit.objects.current(), unit_field="", minimum=Role.ADMIN)
    return units.filter(level_id=level_id).exclude(pk=exclude.pk).order_by("name")


class UnitTransfer(StructureStep):
    form_class = TransferForm
    title = gettext_lazy("Move the unit under another unit")
    danger = False

    def form_kwargs(self, record: Unit) -> dict[str, Any]:
        parent = record.parent or record
        parents = _admin_units(self.actor, level_id=parent.level_id, exclude=parent)
        return {**super().form_kwargs(record), "parents": parents}

    def act(self, form: TransferForm, record: Unit) -> None:
        event = services.structure_transfer(actor=self.actor, unit=record, **form.cleaned_data)
        self.follow(event, record)


class UnitMerge(StructureStep):
    form_class = MergeForm
    title = gettext_lazy("Merge units")

    def form_kwargs(self, record: Unit) -> dict[str, Any]:
        siblings = (
            Unit.objects.current()
            .filter(parent_id=record.parent_id, level_id=record.level_id)
            .exclude(pk=record.pk)
            .order_by("name")
        )
        return {**super().form_kwargs(record), "siblings": siblings}

    def act(self, form: MergeForm, record: Unit) -> None:
        data = form.cleaned_data
        common = {"on": data["on"], "decision": data["decision"], "note": data["note"]}
        if data["target"] == MERGE_INTO_NEW:
            new = NewUnit(code=data["new_code"], name=data["new_name"])
            units = [record, *data["others"]]
            event = services.structure_merge(actor=self.actor, units=units, new=new, **common)
        else:
            units = list(data["others"])
            event = services.structure_merge(actor=self.actor, units=units, into=record, **common)
        self.follow(event, record)


class UnitSplit(StructureStep):
    form_class = SplitForm
    title = gettext_lazy("Split the unit")

    def act(self, form: SplitForm, record: Unit) -> None:
        data = form.cleaned_data
        event = services.structure_split(
            actor=self.actor,
            unit=record,
            on=data["on"],
            into=data["parts"],
            decision=data["decision"],
            note=data["note"],
        )
        self.follow(event, record)


class UnitAbolish(StructureStep):
    title = gettext_lazy("Abolish the unit")

    def act(self, form: StepForm, record: Unit) -> None:
        services.structure_abolish(actor=self.actor, unit=record, **form.cleaned_data)
        self.done = record.parent
