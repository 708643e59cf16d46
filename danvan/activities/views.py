"""Activity pages: one set of views for the five kinds, chosen by the kind's slug in the URL."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.accounts.selectors import children_visible, home_units, user_can
from danvan.activities import excel
from danvan.activities.filters import FILTERS, ActivityFilter
from danvan.activities.forms import FORMS, WIDE, ActivityForm
from danvan.activities.models import (
    Activity,
    Conference,
    Dialogue,
    Document,
    Inspection,
    WorkTask,
)
from danvan.activities.selectors import (
    SUMMED,
    activities_visible,
    activity_counts,
    activity_get,
    activity_totals,
    editable_units,
    tasks_late_count,
)
from danvan.activities.services import (
    KINDS,
    activity_create,
    activity_delete,
    activity_update,
)
from danvan.audit.selectors import changes_of
from danvan.capability.views import edit_refused
from danvan.common.locking import StaleEdit
from danvan.common.responses import refused, render_form

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The columns of each kind's list, in order; the first one links to the activity.
LIST_COLUMNS: dict[type[Activity], list[str]] = {
    Conference: ["title", "date", "kind", "unit", "persons", "attendances"],
    Document: ["title", "code", "type_name", "date", "role", "unit"],
    Inspection: ["title", "date", "kind", "unit", "organisations", "members"],
    Dialogue: [
        "title",
        "date",
        "kind",
        "level",
        "leader",
        "unit",
        "participants",
        "opinions_raised",
        "opinions_answered",
    ],
    WorkTask: ["title", "assignee", "unit", "date", "deadline", "progress", "done_on"],
}
# Detail pages add what a form does not show.
DETAIL_EXTRA: dict[type[Activity], list[str]] = {
    Document: ["number", "type_name", "issuer"],
    WorkTask: ["is_late"],
}
LABELS = {
    "type_name": gettext_lazy("Type"),
    "number": gettext_lazy("Number"),
    "issuer": gettext_lazy("Issuer"),
    "is_late": gettext_lazy("Late"),
    "created_by": gettext_lazy("Recorded by"),
    "created_at": gettext_lazy("Recorded at"),
}


@dataclass
class Cell:
    kind: str  # "text", "number", "date", "datetime", "bool" or "link"
    value: Any


@dataclass
class Row:
    activity: Activity
    cells: list[Cell]
    late: bool = False


@dataclass
class Header:
    name: str
    label: str
    sort: str = ""  # the `sort` value a click asks for ("" when it cannot be sorted)
    current: str = ""  # "asc" or "desc" when the list is sorted by this column
    numeric: bool = False
    total: Any = None


@dataclass
class Summary:
    label: str
    value: Any
    decimals: int = 0


def _label(model: type[Activity], name: str) -> str:
    form_field = FORMS[model].base_fields.get(name)
    if form_field is not None and form_field.label:
        return str(form_field.label)
    model_field = _model_field(model, name)
    if name in LABELS or model_field is None:
        return str(LABELS.get(name, name))
    return str(capfirst(model_field.verbose_name))


def _model_field(model: type[Activity], name: str) -> models.Field | None:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field if isinstance(model_field, models.Field) else None


def _cell(activity: Activity, name: str) -> Cell:
    model_field = _model_field(type(activity), name)
    value = getattr(activity, name)
    if model_field is None:
        return Cell("bool" if isinstance(value, bool) else "text", value)
    if model_field.choices:
        return Cell("text", getattr(activity, f"get_{name}_display")())
    if isinstance(model_field, models.BooleanField):
        return Cell("bool", value)
    if isinstance(model_field, models.DateTimeField):
        return Cell("datetime", value)
    if isinstance(model_field, models.DateField):
        return Cell("date", value)
    if isinstance(model_field, models.IntegerField):
        return Cell("number", value)
    return Cell("text", "" if value is None else value)


def _filtered(request: HttpRequest, model: type[Activity]) -> ActivityFilter:
    return FILTERS[model](
        request.GET, queryset=activities_visible(request.user, model), request=request
    )


def _filtered_queryset(activity_filter: ActivityFilter) -> models.QuerySet[Any]:
    if activity_filter.is_valid():
        return activity_filter.qs
    return activity_filter.queryset.none()


def _scope_units(request: HttpRequest) -> list[Any]:
    """What the unit filter offers: the user's units and the units right below them."""
    day = timezone.localdate()
    units = []
    for root in home_units(request.user):
        units.append(root)
        units.extend(
            children_visible(request.user, unit=root, on=day).exclude(level__code="village")
        )
    return units


def _headers(
    model: type[Activity], activity_filter: ActivityFilter, totals: dict[str, Any]
) -> list[Header]:
    sort_field = activity_filter.filters["sort"]
    sortable = {value for value, _label in sort_field.extra["choices"]}
    # Without a sort the list is newest first, as the model orders it.
    current = getattr(activity_filter.form, "cleaned_data", {}).get("sort") or "-date"
    headers = []
    for name in LIST_COLUMNS[model]:
        model_field = _model_field(model, name)
        header = Header(
            name=name,
            label=_label(model, name),
            numeric=isinstance(model_field, models.IntegerField),
            total=totals.get(name) if name in SUMMED.get(model, []) else None,
        )
        if name in sortable:
            header.sort = f"-{name}" if current == name else name
            header.current = "asc" if current == name else "desc" if current == f"-{name}" else ""
        headers.append(header)
    return headers


def _summaries(model: type[Activity], totals: dict[str, Any]) -> list[Summary]:
    summaries = [Summary(_label(model, name), totals[name]) for name in SUMMED.get(model, [])]
    if model is Dialogue and totals["answered_share"] is not None:
        summaries.append(Summary(_("Answered on the spot (%)"), totals["answered_share"], 1))
    if model is WorkTask:
        summaries += [Summary(_("Late"), totals["late"]), Summary(_("Done"), totals["done"])]
    return summaries


def _kind_context(kind: str) -> dict[str, Any]:
    model = KINDS[kind]
    return {
        "kind": kind,
        "kind_name": capfirst(model._meta.verbose_name_plural),
        "kind_singular": model._meta.verbose_name,
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The five kinds with how many the user's scope holds this year."""
    year = timezone.localdate().year
    counts = activity_counts(request.user, KINDS, year)
    return render(
        request,
        "activities/home.html",
        {
            "year": year,
            "kinds": [
                (slug, capfirst(model._meta.verbose_name_plural), counts[slug])
                for slug, model in KINDS.items()
            ],
            "late_tasks": tasks_late_count(request.user),
        },
    )


@login_required
def activity_list(request: HttpRequest, kind: str) -> HttpResponse:
    model = KINDS[kind]
    activity_filter = _filtered(request, model)
    queryset = _filtered_queryset(activity_filter)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = activity_totals(queryset)
    columns = LIST_COLUMNS[model]
    rows = [
        Row(
            activity=activity,
            cells=[_cell(activity, name) for name in columns],
            late=bool(getattr(activity, "is_late", False)),
        )
        for activity in page
    ]
    return render(
        request,
        "activities/list.html",
        {
            **_kind_context(kind),
            "filter": activity_filter,
            "scope_units": _scope_units(request),
            "page": page,
            "rows": rows,
            "headers": _headers(model, activity_filter, totals),
            "totals": totals,
            "summaries": _summaries(model, totals),
            "has_totals": bool(SUMMED.get(model)),
            "can_create": editable_units(request.user).exists(),
        },
    )


@login_required
def activity_export(request: HttpRequest, kind: str) -> HttpResponse:
    model = KINDS[kind]
    queryset = _filtered_queryset(_filtered(request, model))
    response = HttpResponse(excel.export_workbook(model, queryset.iterator()), content_type=XLSX)
    name = f"{excel.FILE_NAMES[model]}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it deleted?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


@login_required
def activity_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = KINDS[kind]
    activity = activity_get(request.user, model, pk)
    names = [*(FORMS[model]._meta.fields or []), *DETAIL_EXTRA.get(model, [])]
    names += ["created_by", "created_at"]
    return render(
        request,
        "activities/detail.html",
        {
            **_kind_context(kind),
            "activity": activity,
            "fields": [(_label(model, name), _cell(activity, name)) for name in names],
            "can_edit": user_can(request.user, Role.EDITOR, activity.unit),
            "delete_form": DeleteForm(),
            "changes": changes_of(instance=activity)[:100],
        },
    )


def _add_errors(form: ActivityForm, exc: ValidationError | PermissionDenied) -> None:
    """A service's refusal shown on the field it is about, or above the form."""
    if isinstance(exc, PermissionDenied):
        form.add_error("unit", str(exc))
        return
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def activity_create_view(request: HttpRequest, kind: str) -> HttpResponse:
    model = KINDS[kind]
    if not editable_units(request.user).exists():
        raise PermissionDenied
    initial = {"date": timezone.localdate()}
    form = FORMS[model](request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(actor=request.user, model=model, **form.changes)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Recorded “%(title)s”.") % {"title": activity.title})
            return redirect("activities:detail", kind, activity.pk)
    return render_form(
        request,
        "activities/form.html",
        {**_kind_context(kind), "form": form, "activity": None, "wide": WIDE},
    )


@login_required
def activity_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = KINDS[kind]
    activity = activity_get(request.user, model, pk)
    if not user_can(request.user, Role.EDITOR, activity.unit):
        raise PermissionDenied
    form = FORMS[model](request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                actor=request.user,  # type: ignore[arg-type]
                activity=activity,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data.get("reason", ""),
                **form.changes,
            )
        except StaleEdit as exc:
            context = {**_kind_context(kind), "form": form, "activity": activity, "wide": WIDE}
            return edit_refused(request, "activities/form.html", context, form=form, error=exc)
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("activities:detail", kind, activity.pk)
    return render_form(
        request,
        "activities/form.html",
        {**_kind_context(kind), "form": form, "activity": activity, "wide": WIDE},
    )


@login_required
@require_POST
def activity_delete_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = KINDS[kind]
    activity = activity_get(request.user, model, pk)
    if not user_can(request.user, Role.EDITOR, activity.unit):
        raise PermissionDenied
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the record is deleted."))
        return refused(request, back=reverse("activities:detail", args=[kind, activity.pk]))
    title = activity.title
    try:
        activity_delete(actor=request.user, activity=activity, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return refused(request, back=reverse("activities:detail", args=[kind, activity.pk]))
    messages.success(request, _("Deleted “%(title)s”.") % {"title": title})
    return redirect("activities:list", kind)
