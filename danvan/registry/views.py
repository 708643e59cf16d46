"""Registry pages: the list (with the bulk status change), an entry's page, its forms and
steps, statistics, Excel in and out. Built from danvan.capability.views."""

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import Role
from danvan.accounts.permissions import may
from danvan.accounts.selectors import children_visible, home_units, unit_get
from danvan.capability.tables import Table
from danvan.capability.views import (
    XLSX,
    ActionPage,
    CapabilityView,
    ExportPage,
    FormPage,
    ImportConfirmPage,
    ImportPage,
    ListPage,
    RecordPage,
)
from danvan.common import charts
from danvan.common.forms import posted_id
from danvan.common.numbers import format_number
from danvan.registry import excel
from danvan.registry.filters import EntryFilter
from danvan.registry.forms import EntryForm, EvidenceForm, ImportForm, TransitionForm
from danvan.registry.lifecycle import allowed_next
from danvan.registry.models import Entry, EntryKind, Status
from danvan.registry.selectors import entries_visible, entry_get, entry_statistics, owner_units
from danvan.registry.services import (
    ENTRY_FIELDS,
    entries_import,
    entries_transition,
    entry_create,
    entry_transition,
    entry_update,
    evidence_add,
)
from danvan.registry.tables import EntryTable

FILTER_FIELDS = ["field", "kind", "exemplar_type", "status", "period"]


def _step_choices(statuses: list[str]) -> list[tuple[str, str]]:
    return [(status, str(Status(status).label)) for status in statuses]


def _bulk_form(data: Any = None) -> TransitionForm:
    others = [status.value for status in Status if status != Status.REGISTERED]
    return TransitionForm(data, initial={"on": timezone.localdate()}, choices=_step_choices(others))


class EntryList(ListPage[Entry]):
    template_name = "registry/list.html"
    title = gettext_lazy("“Dân vận khéo” models and exemplars")
    filterset_class = EntryFilter
    table_class = EntryTable

    def records(self) -> QuerySet[Entry]:
        return entries_visible(self.request.user)

    def can_approve(self) -> bool:
        return any(may(self.actor, Role.APPROVER, unit) for unit in home_units(self.actor))

    def table(self, queryset: QuerySet[Entry]) -> Table:
        table = super().table(queryset)
        if not self.can_approve():
            table.columns.hide("selected")
        return table

    def context(self, queryset: QuerySet[Entry]) -> dict[str, Any]:
        stats = entry_statistics(queryset)
        day = timezone.localdate()
        units = []
        for root in home_units(self.actor):
            units.append(root)
            units += children_visible(self.actor, unit=root, on=day).exclude(level__code="village")
        return {
            "statistics": stats,
            "status_counts": [(Status(s).label, n) for s, n in stats.by_status.items() if n],
            "scope_units": units,
            "filter_fields": FILTER_FIELDS,
            "transition_form": getattr(self, "bulk_form", None) or _bulk_form(),
            "can_approve": self.can_approve(),
            "can_register": owner_units(self.actor).exists(),
        }


class EntryBulkTransition(EntryList):
    """The list's bulk status change: the ticked entries move with one decision, and the
    officer is back on the list they came from (`next`, a path of this site). A refusal
    shows that list again with the errors and what was typed (400); nothing changes."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("registry:list")
        form = _bulk_form(request.POST)
        ids = [posted_id(pk) for pk in request.POST.getlist("selected")]
        entries = list(entries_visible(self.actor).filter(pk__in=ids))
        if not entries:
            form.add_error(None, _("Select entries, then a new status, a date and a decision."))
        elif form.is_valid():
            try:
                count = entries_transition(
                    actor=self.actor,
                    entries=entries,
                    to=Status(form.cleaned_data["to"]),
                    on=form.cleaned_data["on"],
                    decision_code=form.cleaned_data["decision_code"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form.add_error(None, [_("Nothing was changed:"), *exc.messages[:20]])
            else:
                changed = _("%(count)s entries changed status.")
                messages.success(request, changed % {"count": format_number(count)})
                return HttpResponseRedirect(back)
        # The list as the officer saw it: its filters come from the address it was sent from.
        self.request.GET = QueryDict(urlsplit(back).query)
        self.bulk_form = form
        filters, queryset = self.filtered()
        table = self.table(queryset)
        context = {
            "title": self.title,
            "filter": filters,
            "table": table,
            "records": [row.record for row in table.paginated_rows],
            "back": back,
            **self.context(queryset),
        }
        return render(request, self.template_name, context, status=400)


class EntryExport(ExportPage[Entry], EntryList):
    """The filtered list in the import template's layout plus its status: re-importable."""

    file_name = "mo-hinh-dien-hinh"

    def workbook(self, queryset: QuerySet[Entry]) -> bytes:
        return excel.export_workbook(queryset.select_related("copies"))


class EntryStatistics(EntryList):
    template_name = "registry/statistics.html"
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters, queryset = self.filtered()
        stats = entry_statistics(queryset)
        within = posted_id(request.GET.get("within", ""))
        context = {
            **self.context(queryset),
            "filter": filters,
            "stats": stats,
            "kinds": EntryKind.choices,
            "statuses": Status.choices,
            "unit": unit_get(self.actor, pk=within) if within else None,
            "chart": charts.bar_chart(
                [(str(Status(s).label), n) for s, n in stats.by_status.items()],
                title=_("Models and exemplars by status"),
            ),
            "field_chart": charts.bar_chart(
                [(name, total) for name, _cells, total in stats.rows], title=_("By field")
            ),
        }
        return render(request, self.template_name, context)


class EntryPage(RecordPage[Entry]):
    template_name = "registry/detail.html"

    def record(self) -> Entry:
        return entry_get(self.request.user, pk=self.kwargs["pk"])

    def context(self, record: Entry) -> dict[str, Any]:
        choices = _step_choices(allowed_next(record.status))
        return {
            "entry": record,
            "transitions": record.transitions.select_related("decided_by"),
            "evidence": record.evidence.all(),
            "replications": entries_visible(self.actor).filter(copies=record),
            "can_edit": may(self.actor, Role.EDITOR, record.unit),
            "can_approve": may(self.actor, Role.APPROVER, record.unit) and choices,
            "transition_form": TransitionForm(
                choices=choices, initial={"on": timezone.localdate()}
            ),
            "evidence_form": EvidenceForm(),
        }


class EntryCreate(FormPage[Entry]):
    form_class = EntryForm
    template_name = "registry/form.html"

    def allowed(self, record: Entry | None) -> bool:
        if record is None:
            return owner_units(self.actor).exists()
        return may(self.actor, Role.EDITOR, record.unit)

    def form_kwargs(self, record: Entry | None) -> dict[str, Any]:
        return {**super().form_kwargs(record), "user": self.request.user}

    def save(self, form: EntryForm, record: Entry | None) -> Entry:
        entry = entry_create(actor=self.actor, **form.cleaned_data)
        messages.success(self.request, _("Registered %(code)s.") % {"code": entry.code})
        return entry


class EntryEdit(EntryCreate):
    success_message = gettext_lazy("Saved.")

    def record(self) -> Entry:
        return entry_get(self.request.user, pk=self.kwargs["pk"])

    def save(self, form: EntryForm, record: Entry | None) -> Entry:
        assert record is not None
        changes = {key: form.cleaned_data[key] for key in form.fields if key in ENTRY_FIELDS}
        return entry_update(
            actor=self.actor, entry=record, version=form.cleaned_data["version"], **changes
        )


class EntryTransition(ActionPage[Entry]):
    """One step of an entry's life cycle, confirmed with its date and decision."""

    form_class = TransitionForm
    title = gettext_lazy("Record a step of the life cycle")
    success_message = gettext_lazy("The status was changed.")

    def record(self) -> Entry:
        return entry_get(self.request.user, pk=self.kwargs["pk"])

    def allowed(self, record: Entry) -> bool:
        return may(self.actor, Role.APPROVER, record.unit)

    def form_kwargs(self, record: Entry) -> dict[str, Any]:
        return {
            **self.posted(),
            "initial": {"on": timezone.localdate()},
            "choices": _step_choices(allowed_next(record.status)),
        }

    def act(self, form: TransitionForm, record: Entry) -> None:
        entry_transition(
            actor=self.actor,
            entry=record,
            to=Status(form.cleaned_data["to"]),
            on=form.cleaned_data["on"],
            decision_code=form.cleaned_data["decision_code"],
            note=form.cleaned_data["note"],
        )


class EvidenceUpload(ActionPage[Entry]):
    form_class = EvidenceForm
    title = gettext_lazy("Attach an evidence file")
    success_message = gettext_lazy("The file was attached.")

    def record(self) -> Entry:
        return entry_get(self.request.user, pk=self.kwargs["pk"])

    def allowed(self, record: Entry) -> bool:
        return may(self.actor, Role.EDITOR, record.unit)

    def act(self, form: forms.Form, record: Entry) -> None:
        evidence_add(actor=self.actor, entry=record, upload=form.cleaned_data["file"])


class EvidenceFile(RecordPage[Entry]):
    def record(self) -> Entry:
        return entry_get(self.request.user, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        evidence = self.record().evidence.filter(pk=kwargs["evidence_pk"]).first()
        if evidence is None:
            raise Http404
        return FileResponse(
            evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
        )


class EntryImport(ImportPage):
    template_name = "registry/import.html"
    form_class = ImportForm
    upload_url = "registry:import"
    done_url = "registry:list"

    def allowed(self) -> bool:
        return owner_units(self.actor).exists()

    def check(self, content: bytes) -> excel.ParseResult:
        return excel.parse_rows(user=self.actor, rows=excel.read_workbook(content))

    def write(self, checked: excel.ParseResult) -> str:
        created, updated = entries_import(actor=self.actor, rows=checked.rows)
        return _("Imported: %(created)s created, %(updated)s updated.") % {
            "created": format_number(created),
            "updated": format_number(updated),
        }


class EntryImportConfirm(ImportConfirmPage, EntryImport):
    pass


class ImportTemplate(CapabilityView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(excel.template_workbook(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-mo-hinh-dien-hinh.xlsx"'
        return response
