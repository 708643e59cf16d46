"""Registry pages: list, detail, forms, life-cycle steps, statistics, Excel in and out."""

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.accounts.selectors import children_visible, home_units, unit_get, user_can
from danvan.audit.selectors import changes_of
from danvan.capability.views import edit_refused
from danvan.common import charts, spreadsheets
from danvan.common.forms import posted_id
from danvan.common.locking import StaleEdit
from danvan.common.numbers import format_number
from danvan.common.responses import refused, render_form
from danvan.registry import excel
from danvan.registry.filters import EntryFilter
from danvan.registry.forms import EntryForm, EvidenceForm, ImportForm, TransitionForm
from danvan.registry.lifecycle import allowed_next
from danvan.registry.models import Entry, EntryKind, Status
from danvan.registry.selectors import entries_visible, entry_get, entry_statistics
from danvan.registry.services import (
    ENTRY_FIELDS,
    entries_import,
    entries_transition,
    entry_create,
    entry_transition,
    entry_update,
    evidence_add,
)

logger = logging.getLogger(__name__)
PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FILTER_FIELDS = ["field", "kind", "exemplar_type", "status", "period"]


def _filtered(request: HttpRequest) -> EntryFilter:
    return EntryFilter(request.GET, queryset=entries_visible(request.user))


def _filter_context(request: HttpRequest, entry_filter: EntryFilter) -> dict[str, object]:
    """What the filter bar shows: the user's units and the units right below them."""
    day = timezone.localdate()
    units = []
    for root in home_units(request.user):
        units.append(root)
        units.extend(
            children_visible(request.user, unit=root, on=day).exclude(level__code="village")
        )
    return {"filter": entry_filter, "scope_units": units, "filter_fields": FILTER_FIELDS}


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    entry_filter = _filtered(request)
    queryset = entry_filter.qs if entry_filter.is_valid() else Entry.objects.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/list.html",
        {
            **_filter_context(request, entry_filter),
            "page": page,
            "statistics": (stats := entry_statistics(queryset)),
            "status_counts": [(Status(s).label, n) for s, n in stats.by_status.items() if n],
            "transition_form": TransitionForm(
                initial={"on": timezone.localdate()},
                choices=[(s.value, str(s.label)) for s in Status if s != Status.REGISTERED],
            ),
            "can_approve": any(
                user_can(request.user, Role.APPROVER, unit) for unit in home_units(request.user)
            ),
        },
    )


@login_required
def entry_export(request: HttpRequest) -> HttpResponse:
    entry_filter = _filtered(request)
    queryset = entry_filter.qs if entry_filter.is_valid() else Entry.objects.none()
    content = excel.export_workbook(queryset.select_related("copies"))
    name = f"mo-hinh-dien-hinh-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_get(request.user, pk=pk)
    choices = [(s, str(Status(s).label)) for s in allowed_next(entry.status)]
    return render(
        request,
        "registry/detail.html",
        {
            "entry": entry,
            "transitions": entry.transitions.select_related("decided_by"),
            "evidence": entry.evidence.all(),
            "replications": entries_visible(request.user).filter(copies=entry),
            "can_edit": user_can(request.user, Role.EDITOR, entry.unit),
            "can_approve": user_can(request.user, Role.APPROVER, entry.unit) and choices,
            "transition_form": TransitionForm(
                choices=choices, initial={"on": timezone.localdate()}
            ),
            "evidence_form": EvidenceForm(),
            "changes": changes_of(instance=entry)[:100],
        },
    )


@login_required
def entry_create_view(request: HttpRequest) -> HttpResponse:
    form = EntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = entry_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Registered %(code)s.") % {"code": entry.code})
            return redirect("registry:detail", entry.pk)
    return render_form(request, "registry/form.html", {"form": form, "entry": None})


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_get(request.user, pk=pk)
    if not user_can(request.user, Role.EDITOR, entry.unit):
        raise PermissionDenied
    form = EntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {key: form.cleaned_data[key] for key in form.fields if key in ENTRY_FIELDS}
        try:
            entry_update(
                actor=request.user,  # type: ignore[arg-type]
                entry=entry,
                version=form.cleaned_data["version"],
                **changes,
            )
        except StaleEdit as exc:
            context = {"form": form, "entry": entry}
            return edit_refused(request, "registry/form.html", context, form=form, error=exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:detail", entry.pk)
    return render_form(request, "registry/form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def entry_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_get(request.user, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            entry_transition(
                actor=request.user,  # type: ignore[arg-type]
                entry=entry,
                to=Status(form.cleaned_data["to"]),
                on=form.cleaned_data["on"],
                decision_code=form.cleaned_data["decision_code"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The status was changed."))
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
            return refused(request, back=reverse("registry:detail", args=[entry.pk]))
    else:
        messages.error(request, _("Check the new status, the date and the decision."))
        return refused(request, back=reverse("registry:detail", args=[entry.pk]))
    return redirect("registry:detail", entry.pk)


@login_required
@require_POST
def entries_bulk_transition(request: HttpRequest) -> HttpResponse:
    form = TransitionForm(request.POST)
    ids = [posted_id(pk) for pk in request.POST.getlist("selected")]
    entries = list(entries_visible(request.user).filter(pk__in=ids))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("registry:list")
    if not entries or not form.is_valid():
        messages.error(request, _("Select entries, then a new status, a date and a decision."))
        return refused(request, back=back)
    try:
        count = entries_transition(
            actor=request.user,  # type: ignore[arg-type]
            entries=entries,
            to=Status(form.cleaned_data["to"]),
            on=form.cleaned_data["on"],
            decision_code=form.cleaned_data["decision_code"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request, _("%(count)s entries changed status.") % {"count": format_number(count)}
        )
    except ValidationError as exc:
        messages.error(request, _("Nothing was changed:") + " " + " ".join(exc.messages[:20]))
        return refused(request, back=back)
    return redirect(back)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_get(request.user, pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_add(actor=request.user, entry=entry, upload=form.cleaned_data["file"])  # type: ignore[arg-type]
            messages.success(request, _("The file was attached."))
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
            return refused(request, back=reverse("registry:detail", args=[entry.pk]))
    else:
        messages.error(request, _("Choose a file to attach."))
        return refused(request, back=reverse("registry:detail", args=[entry.pk]))
    return redirect("registry:detail", entry.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    entry = entry_get(request.user, pk=pk)
    evidence = entry.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    entry_filter = _filtered(request)
    queryset = entry_filter.qs if entry_filter.is_valid() else Entry.objects.none()
    stats = entry_statistics(queryset)
    unit = None
    if within := posted_id(request.GET.get("within", "")):
        unit = unit_get(request.user, pk=within)
    return render(
        request,
        "registry/statistics.html",
        {
            **_filter_context(request, entry_filter),
            "stats": stats,
            "kinds": EntryKind.choices,
            "statuses": Status.choices,
            "unit": unit,
            "chart": charts.bar_chart(
                [(str(Status(s).label), n) for s, n in stats.by_status.items()],
                title=_("Models and exemplars by status"),
            ),
            "field_chart": charts.bar_chart(
                [(name, total) for name, _cells, total in stats.rows],
                title=_("By field"),
            ),
        },
    )


def _import_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(excel.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-mo-hinh-dien-hinh.xlsx"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload, then a preview of what would be written; nothing is written before confirming."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_BYTES:
            context["file_error"] = _("The file is larger than 20 MB: split it into smaller files.")
            return render_form(request, "registry/import.html", context, refused=True)
        content = upload.read()
        try:
            result = excel.parse_rows(user=request.user, rows=excel.read_workbook(content))
        except spreadsheets.ImportFileError as exc:
            context["file_error"] = str(exc)
            return render_form(request, "registry/import.html", context, refused=True)
        context["result"] = result
        if result.errors:
            return render_form(request, "registry/import.html", context, refused=True)
        token = uuid.uuid4().hex
        (_import_dir() / f"{token}.xlsx").write_bytes(content)
        request.session[f"import-{token}"] = request.user.pk
        context["token"] = token
    return render_form(request, "registry/import.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("token", "")
    path = _import_dir() / f"{token}.xlsx"
    if (
        not token.isalnum()
        or request.session.get(f"import-{token}") != request.user.pk
        or not path.exists()
    ):
        messages.error(request, _("This import has expired: upload the file again."))
        return refused(request, back=reverse("registry:import"))
    try:
        result = excel.parse_rows(user=request.user, rows=excel.read_workbook(path.read_bytes()))
        if result.errors:
            raise ValidationError(result.errors)
        created, updated = entries_import(actor=request.user, rows=result.rows)  # type: ignore[arg-type]
    except (ValidationError, spreadsheets.ImportFileError) as exc:
        for message in getattr(exc, "messages", [str(exc)])[:20]:
            messages.error(request, message)
        return refused(request, back=reverse("registry:import"))
    except DatabaseError:
        logger.exception("Import %s failed in the database", token)
        messages.error(request, _("The import could not be written; nothing was changed."))
        return redirect("registry:import")
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(f"import-{token}", None)
    messages.success(
        request,
        _("Imported: %(created)s created, %(updated)s updated.")
        % {"created": format_number(created), "updated": format_number(updated)},
    )
    return redirect("registry:list")
