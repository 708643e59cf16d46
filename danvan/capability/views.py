"""The pages every capability is built from. A capability subclasses them with its selector,
filter set, table, form and service; a page that does something else is a plain view.

- `ListPage`: filters (the list's filter set, shared with the API and the export), a table
  with sortable columns and pages, the filtered set's totals, buttons for what the user may do.
- `ExportPage`: the same filtered list as an Excel file.
- `RecordPage`: one record, with its change log.
- `FormPage`: create or change a record through its service; a refused form comes back on
  the same page with what was typed (400), a stale edit with who changed what (409).
- `ActionPage`: a step on a record (a status change, a deletion) that asks for confirmation
  on its own page, with the same errors-on-the-page behaviour.
"""

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View
from django_filters import FilterSet
from django_tables2 import RequestConfig

from danvan.accounts.models import User
from danvan.accounts.permissions import actor_of
from danvan.audit.selectors import changes_of, stale_edit_message
from danvan.capability import pending_imports
from danvan.capability.tables import Table
from danvan.common import spreadsheets
from danvan.common.forms import posted_id
from danvan.common.locking import StaleEdit
from danvan.common.responses import refused, render_form

M = TypeVar("M", bound=models.Model)
StrOrPromise = str | Promise
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Query parameters of a list page that are not filters.
PAGE_PARAMETERS = ("sort", "page", "per_page")
MAX_PER_PAGE = 200


class BoundedPaginator(Paginator):
    """Pages of 1 to MAX_PER_PAGE rows, whatever `?per_page=` asks for."""

    def __init__(self, object_list: Any, per_page: int | str, *args: Any, **kwargs: Any) -> None:
        size = min(max(posted_id(str(per_page)), 1), MAX_PER_PAGE)
        super().__init__(object_list, size, *args, **kwargs)


class CapabilityView(LoginRequiredMixin, View):
    """A page for signed-in users; `actor` is the typed user behind the request."""

    @property
    def actor(self) -> User:
        return actor_of(self.request)

    def posted(self) -> dict[str, Any]:
        """What a form is bound to: the posted data and files on a POST, even an empty one (a
        step with no field, a form sent blank is checked, not shown again as if unsent);
        nothing on a GET."""
        if self.request.method != "POST":
            return {"data": None}
        return {"data": self.request.POST, "files": self.request.FILES}


class ListPage(CapabilityView, Generic[M]):
    template_name = "capability/list.html"
    title: ClassVar[StrOrPromise]
    filterset_class: ClassVar[type[FilterSet]]
    table_class: ClassVar[type[Table]]
    paginate_by: ClassVar[int] = 50

    def records(self) -> QuerySet[M]:
        """The records the user may see (the capability's scoped selector)."""
        raise NotImplementedError

    def filtered(self) -> tuple[FilterSet, QuerySet[M]]:
        """The filter set bound to the query's filters, and what it lets through (nothing
        while a filter is invalid: the filter bar then says why)."""
        data = self.request.GET.copy()
        for name in PAGE_PARAMETERS:
            data.pop(name, None)
        filters = self.filterset_class(data, queryset=self.records(), request=self.request)
        queryset = filters.qs if filters.is_valid() else filters.queryset.none()
        return filters, queryset

    def table(self, queryset: QuerySet[M]) -> Table:
        table = self.table_class(queryset, request=self.request)
        RequestConfig(
            self.request,
            paginate={"per_page": self.paginate_by, "paginator_class": BoundedPaginator},
        ).configure(table)
        return table

    def context(self, queryset: QuerySet[M]) -> dict[str, Any]:
        """What the page adds: totals of the filtered set, what the user may do here."""
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filters, queryset = self.filtered()
        table = self.table(queryset)
        context = {
            "title": self.title,
            "filter": filters,
            "table": table,
            "records": [row.record for row in table.paginated_rows],  # this page's
            **self.context(queryset),
        }
        return render(request, self.template_name, context)


class ExportPage(ListPage[M]):
    """The filtered list of a `ListPage` (every page of it, in the page's order) as an Excel
    file; `workbook` may write another layout (an import template's, to re-import)."""

    http_method_names = ["get", "head"]
    file_name: ClassVar[str]  # without the date and the extension

    def workbook(self, queryset: QuerySet[M]) -> bytes:
        table = self.table_class(queryset, request=self.request)
        RequestConfig(self.request, paginate=False).configure(table)
        return table.workbook()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _filters, queryset = self.filtered()
        response = HttpResponse(self.workbook(queryset), content_type=XLSX)
        name = f"{self.file_name}-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class RecordPage(CapabilityView, Generic[M]):
    """One record the user may see (404 otherwise), with its change log."""

    template_name: ClassVar[str]

    def record(self) -> M:
        """The record of the URL through the capability's selector (Http404 outside scope)."""
        raise NotImplementedError

    def context(self, record: M) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        record = self.record()
        context = {
            "record": record,
            "changes": changes_of(instance=record)[:100],
            **self.context(record),
        }
        return render(request, self.template_name, context)


def add_service_errors(form: forms.BaseForm, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal shown on the field it is about, or above the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You may not do this."))
    elif hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def url_of(record: models.Model) -> str:
    """Where a record's own page is (its model's get_absolute_url)."""
    get_url = getattr(record, "get_absolute_url", None)
    if get_url is None:
        raise NotImplementedError(f"{type(record).__name__} has no get_absolute_url")
    return str(get_url())


class FormPage(CapabilityView, Generic[M]):
    """Create a record, or change one, through the capability's service.

    Subclasses give `form_class`, `template_name`, `record()` for a change (None to
    create) and `save(form)`, which calls the service and returns the record. A refusal of
    the form or of the service comes back on the same page with what was typed (400); a save
    over a newer version comes back with who changed what (409); nothing is written."""

    form_class: ClassVar[type[forms.BaseForm]]
    template_name: ClassVar[str]
    success_message: ClassVar[StrOrPromise] = ""

    def record(self) -> M | None:
        return None

    def allowed(self, record: M | None) -> bool:
        """Whether the user may use this form at all (403 before anything is read)."""
        return True

    def checked(self) -> M | None:
        record = self.record()
        if not self.allowed(record):
            raise PermissionDenied
        return record

    def form_kwargs(self, record: M | None) -> dict[str, Any]:
        kwargs = self.posted()
        if record is not None:
            kwargs["instance"] = record
        return kwargs

    def save(self, form: Any, record: M | None) -> M:
        raise NotImplementedError

    def success_url(self, record: M) -> str:
        return url_of(record)

    def context(self, form: forms.BaseForm, record: M | None) -> dict[str, Any]:
        return {}

    def render_page(
        self, form: forms.BaseForm, record: M | None, *, status: int | None = None
    ) -> HttpResponse:
        context = {"form": form, "record": record, **self.context(form, record)}
        return render_form(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.checked()
        return self.render_page(self.form_class(**self.form_kwargs(record)), record)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.checked()
        form = self.form_class(**self.form_kwargs(record))
        if form.is_valid():
            try:
                saved = self.save(form, record)
            except StaleEdit as error:
                show_again(form, error)
                return self.render_page(form, record, status=409)
            except (ValidationError, PermissionDenied) as error:
                add_service_errors(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message % {"record": saved})
                return HttpResponseRedirect(self.success_url(saved))
        return self.render_page(form, record)


class ActionPage(CapabilityView, Generic[M]):
    """A step on a record that the user confirms: GET shows what it will do with its form,
    POST does it through the service. Errors come back on this page with what was typed."""

    form_class: ClassVar[type[forms.BaseForm]] = forms.Form
    template_name: ClassVar[str] = "capability/action.html"
    title: ClassVar[StrOrPromise]
    success_message: ClassVar[StrOrPromise] = ""
    danger: ClassVar[bool] = False  # a deletion, a rejection: shown in red

    def record(self) -> M:
        raise NotImplementedError

    def allowed(self, record: M) -> bool:
        """Whether the user may take this step on the record at all (403 otherwise)."""
        return True

    def form_kwargs(self, record: M) -> dict[str, Any]:
        return self.posted()

    def act(self, form: Any, record: M) -> None:
        raise NotImplementedError

    def success_url(self, record: M) -> str:
        return url_of(record)

    def context(self, form: forms.BaseForm, record: M) -> dict[str, Any]:
        return {}

    def render_page(self, form: forms.BaseForm, record: M) -> HttpResponse:
        context = {
            "form": form,
            "record": record,
            "title": self.title,
            "danger": self.danger,
            "back": self.success_url(record),
            **self.context(form, record),
        }
        return render_form(self.request, self.template_name, context)

    def checked(self) -> M:
        record = self.record()
        if not self.allowed(record):
            raise PermissionDenied
        return record

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.checked()
        return self.render_page(self.form_class(**self.form_kwargs(record)), record)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.checked()
        form = self.form_class(**self.form_kwargs(record))
        if form.is_valid():
            try:
                self.act(form, record)
            except (ValidationError, PermissionDenied) as error:
                add_service_errors(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message % {"record": record})
                return HttpResponseRedirect(self.success_url(record))
        return self.render_page(form, record)


def edit_refused(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    form: forms.BaseForm,
    error: StaleEdit[Any],
) -> HttpResponse:
    """The page again after `StaleEdit` (see `show_again`); HTTP 409 Conflict."""
    show_again(form, error)
    return render(request, template, dict(context), status=409)


def show_again(form: forms.BaseForm, error: StaleEdit[Any]) -> None:
    """Make the refused form ready to be shown again: what the officer typed, the reason it
    was refused, and the current version, so that saving again, once compared, goes through."""
    instance = getattr(form, "instance", None)
    if isinstance(instance, models.Model):
        instance.refresh_from_db()  # validating the form put the officer's values into it
    data = QueryDict(mutable=True)
    data.update(form.data)  # every value of every field, as typed
    data[form.add_prefix("version")] = str(error.current.version)
    form.data = data
    form.add_error(None, stale_edit_message(error.current))


class ImportPage(CapabilityView):
    """An Excel import in two steps: upload (the file is checked and what it would write is
    shown; nothing is written) and confirm (the same file is checked again and written, all
    or nothing). A confirmation is taken once: two sent at once write the file once.

    Subclasses give `template_name`, `allowed()` (checked before the file is read),
    `check(content)` returning an object with `errors` (ImportFileError for a file that
    cannot be read at all), `write(checked)` returning the success message, and the URL
    names `upload_url` and `done_url`."""

    template_name: ClassVar[str]
    upload_url: ClassVar[str]
    done_url: ClassVar[str]
    form_class: ClassVar[type[forms.Form]]

    def allowed(self) -> bool:
        raise NotImplementedError

    def check(self, content: bytes) -> Any:
        raise NotImplementedError

    def write(self, checked: Any) -> str:
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(request, self.template_name, {"form": self.form_class()})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, request.FILES)
        context: dict[str, Any] = {"form": form}
        if not form.is_valid():
            return render_form(request, self.template_name, context)
        upload = form.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_BYTES:
            context["file_error"] = _("The file is larger than 20 MB: split it into smaller files.")
            return render_form(request, self.template_name, context, refused=True)
        content = upload.read()
        try:
            checked = self.check(content)
        except spreadsheets.ImportFileError as exc:
            context["file_error"] = str(exc)
            return render_form(request, self.template_name, context, refused=True)
        context["result"] = checked
        if checked.errors:
            return render_form(request, self.template_name, context, refused=True)
        context["token"] = pending_imports.keep(request, content)
        return render(request, self.template_name, context)


class ImportConfirmPage(ImportPage):
    """The second step of an `ImportPage`: the file kept at the upload, written once."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        content = pending_imports.claim(request, request.POST.get("token", ""))
        if content is None:
            messages.error(
                request,
                _("This import has expired or was already confirmed: upload the file again."),
            )
            return refused(request, back=reverse(self.upload_url))
        try:
            checked = self.check(content)
            if checked.errors:
                raise ValidationError(checked.errors)
            message = self.write(checked)
        except (ValidationError, PermissionDenied, spreadsheets.ImportFileError) as exc:
            for text in getattr(exc, "messages", [str(exc)])[:20]:
                messages.error(request, text)
            return refused(request, back=reverse(self.upload_url))
        messages.success(request, message)
        return HttpResponseRedirect(reverse(self.done_url))
