"""Citizens' voice pages: the dashboard, petitions and their steps, the public tracking
page, the people's mood and hot spots. Built from danvan.capability.views."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_filters import FilterSet

from danvan.accounts.models import Role, User
from danvan.accounts.permissions import may
from danvan.capability.forms import styled
from danvan.capability.views import (
    ActionPage,
    CapabilityView,
    FormPage,
    ListPage,
    RecordPage,
    add_service_errors,
)
from danvan.common import charts
from danvan.common.forms import posted_id
from danvan.common.responses import render_form
from danvan.units.models import Unit
from danvan.voice import services
from danvan.voice.filters import AlertFilter, MoodReportFilter, PetitionFilter
from danvan.voice.forms import (
    AnswerForm,
    AssignForm,
    MoodReportForm,
    NoteForm,
    PetitionForm,
    RateForm,
    ResolveForm,
    ReturnForm,
    TrackForm,
    TransferForm,
)
from danvan.voice.models import FileRole, HotspotAlert, MoodReport, Petition, State
from danvan.voice.selectors import (
    LEVEL_COLOURS,
    alert_get,
    alerts_visible,
    can_handle,
    dashboard,
    handler_units,
    mood_reports_visible,
    petition_by_code,
    petition_get,
    petitions_visible,
    province_places,
    provinces_visible,
    reporting_units,
)
from danvan.voice.tables import AlertTable, MoodReportTable, PetitionTable


class StyledFilters(ListPage[Any]):
    """A list whose filter bar has Bootstrap's look."""

    def filtered(self) -> tuple[FilterSet, QuerySet[Any]]:
        filters, queryset = super().filtered()
        styled(filters.form)
        return filters, queryset


def _listed(petitions: QuerySet[Petition]) -> PetitionTable:
    """A short list of petitions inside another page: no sorting, no pages."""
    return PetitionTable(list(petitions), orderable=False)


class Dashboard(CapabilityView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        board = dashboard(self.actor)
        context = {
            "board": board,
            "overdue": _listed(board.overdue),
            "escalated": _listed(board.escalated),
            "can_file": handler_units(self.actor).exists(),
            "can_report": reporting_units(self.actor).exists(),
        }
        return render(request, "voice/dashboard.html", context)


# --- petitions -----------------------------------------------------------------------


class PetitionList(StyledFilters):
    template_name = "voice/list.html"
    title = gettext_lazy("Petitions")
    filterset_class = PetitionFilter
    table_class = PetitionTable

    def records(self) -> QuerySet[Petition]:
        return petitions_visible(self.actor)

    def context(self, queryset: QuerySet[Petition]) -> dict[str, Any]:
        return {"can_file": handler_units(self.actor).exists()}


class PetitionCreate(FormPage[Petition]):
    form_class = PetitionForm
    template_name = "voice/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not handler_units(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self, record: Petition | None) -> dict[str, Any]:
        return {**super().form_kwargs(record), "user": self.actor}

    def save(self, form: PetitionForm, record: Petition | None) -> Petition:
        data = dict(form.cleaned_data)
        attachments = data.pop("attachments")
        petition = services.petition_file(actor=self.actor, attachments=attachments, **data)
        messages.success(self.request, _("Filed as %(code)s.") % {"code": petition.code})
        return petition

    def success_url(self, record: Petition) -> str:
        return reverse("voice:receipt", args=[record.pk])


# The steps a handler may take from each state.
ACTIONS: dict[str, list[str]] = {
    State.RECEIVED: ["acknowledge", "transfer", "return"],
    State.ACKNOWLEDGED: ["start", "answer", "transfer", "return"],
    State.IN_PROGRESS: ["answer", "transfer", "return"],
    State.ANSWERED: ["close"],
}


class PetitionPage(RecordPage[Petition]):
    """A petition: the citizen's contact, its files and its change log for those who handle
    it, the next steps they may take."""

    template_name = "voice/detail.html"

    def record(self) -> Petition:
        return petition_get(self.actor, pk=self.kwargs["pk"])

    def context(self, record: Petition) -> dict[str, Any]:
        handles = can_handle(self.actor, record)
        files = list(record.files.all()) if handles else []
        context = {
            "petition": record,
            "handles": handles,
            "steps": record.steps.select_related("actor", "unit"),
            "attachments": [f for f in files if f.role == FileRole.ATTACHMENT],
            "evidence": [f for f in files if f.role == FileRole.EVIDENCE],
            "actions": ACTIONS.get(record.state, []) if handles else [],
            "answer_form": AnswerForm(),
            "transfer_form": TransferForm(user=self.actor, auto_id="id_transfer_%s"),
            "return_form": ReturnForm(auto_id="id_return_%s"),
            "close_form": NoteForm(auto_id="id_close_%s"),
        }
        if not handles:
            context["changes"] = []  # the change log, like the contact, is for its handlers
        return context


class PetitionReceipt(RecordPage[Petition]):
    """The receipt handed or read to the citizen: the tracking code and where to look."""

    template_name = "voice/receipt.html"

    def record(self) -> Petition:
        petition = petition_get(self.actor, pk=self.kwargs["pk"])
        if not can_handle(self.actor, petition):
            raise PermissionDenied
        return petition

    def context(self, record: Petition) -> dict[str, Any]:
        track_url = self.request.build_absolute_uri(reverse("voice:track"))
        return {"petition": record, "track_url": track_url}


class PetitionFileDownload(RecordPage[Petition]):
    """A file of a petition, for those who handle it (404 for anyone else)."""

    def record(self) -> Petition:
        petition = petition_get(self.actor, pk=self.kwargs["pk"])
        if not can_handle(self.actor, petition):
            raise Http404
        return petition

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attached = self.record().files.filter(pk=kwargs["file_pk"]).first()
        if attached is None:
            raise Http404
        return FileResponse(
            attached.file.open("rb"), as_attachment=True, filename=attached.original_name
        )


class PetitionStep(ActionPage[Petition]):
    """A step on a petition, by those who handle it; the service says whether the petition's
    state allows it."""

    template_name = "voice/step.html"
    success_message = gettext_lazy("Recorded.")

    def record(self) -> Petition:
        return petition_get(self.actor, pk=self.kwargs["pk"])

    def allowed(self, record: Petition) -> bool:
        return can_handle(self.actor, record)


class PetitionAcknowledge(PetitionStep):
    title = gettext_lazy("Acknowledge the petition")

    def act(self, form: forms.Form, record: Petition) -> None:
        services.petition_acknowledge(actor=self.actor, petition=record)


class PetitionStart(PetitionStep):
    title = gettext_lazy("Start handling the petition")

    def act(self, form: forms.Form, record: Petition) -> None:
        services.petition_start(actor=self.actor, petition=record)


class PetitionAnswer(PetitionStep):
    title = gettext_lazy("Answer the petition")
    form_class = AnswerForm

    def act(self, form: AnswerForm, record: Petition) -> None:
        services.petition_answer(
            actor=self.actor,
            petition=record,
            answer=form.cleaned_data["answer"],
            evidence=form.cleaned_data["evidence"],
        )


class PetitionTransfer(PetitionStep):
    title = gettext_lazy("Transfer the petition to another unit")
    form_class = TransferForm

    def form_kwargs(self, record: Petition) -> dict[str, Any]:
        return {**self.posted(), "user": self.actor}

    def act(self, form: TransferForm, record: Petition) -> None:
        services.petition_transfer(
            actor=self.actor,
            petition=record,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
        )


class PetitionReturn(PetitionStep):
    title = gettext_lazy("Return the petition")
    form_class = ReturnForm
    danger = True

    def act(self, form: ReturnForm, record: Petition) -> None:
        services.petition_return(
            actor=self.actor, petition=record, reason=form.cleaned_data["reason"]
        )


class PetitionClose(PetitionStep):
    title = gettext_lazy("Close the petition")
    form_class = NoteForm

    def act(self, form: NoteForm, record: Petition) -> None:
        services.petition_close(
            actor=self.actor, petition=record, reason=form.cleaned_data["reason"]
        )


def _steps(pages: dict[str, type[ActionPage[Any]]]) -> Callable[..., HttpResponseBase]:
    """One address for a record's steps (…/<pk>/<action>/): the page of the step named."""
    views = {action: page.as_view() for action, page in pages.items()}

    def step(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
        view = views.get(action)
        if view is None:
            raise Http404
        return view(request, pk=pk, action=action)

    return step


petition_step = _steps(
    {
        "acknowledge": PetitionAcknowledge,
        "start": PetitionStart,
        "answer": PetitionAnswer,
        "transfer": PetitionTransfer,
        "return": PetitionReturn,
        "close": PetitionClose,
    }
)


# --- the public page -----------------------------------------------------------------


def _track_page(
    request: HttpRequest, *, form: TrackForm, petition: Petition | None, rate_form: RateForm | None
) -> HttpResponse:
    context = {"form": form, "petition": petition, "rate_form": rate_form}
    return render_form(request, "voice/track.html", context)


class Track(View):
    """The public page: the state and the answer of a petition, from its tracking code.
    Nothing personal: no contact, no officer's name, no file."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = TrackForm(request.GET or None)
        petition = None
        if form.is_valid():
            petition = petition_by_code(form.cleaned_data["code"])
            if petition is None:
                form.add_error(
                    "code", _("No petition has this tracking code. Check it on your receipt.")
                )
        rate_form = None
        if petition is not None and petition.state == State.ANSWERED and petition.rating is None:
            rate_form = RateForm(initial={"code": petition.code})
        return _track_page(request, form=form, petition=petition, rate_form=rate_form)


class Rate(View):
    """The citizen's rating of an answer, from the public page; a refusal comes back on that
    page with what was chosen and written."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RateForm(request.POST)
        code = request.POST.get("code", "")[:30]
        if form.is_valid():
            try:
                services.petition_rate(
                    code=form.cleaned_data["code"],
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you: your rating was recorded."))
                return HttpResponseRedirect(f"{reverse('voice:track')}?{urlencode({'code': code})}")
        track = TrackForm(initial={"code": code})
        return _track_page(request, form=track, petition=petition_by_code(code), rate_form=form)


# --- the people's mood ---------------------------------------------------------------


class MoodList(StyledFilters):
    template_name = "voice/mood_list.html"
    title = gettext_lazy("The people's mood")
    filterset_class = MoodReportFilter
    table_class = MoodReportTable

    def records(self) -> QuerySet[MoodReport]:
        return mood_reports_visible(self.actor)

    def context(self, queryset: QuerySet[MoodReport]) -> dict[str, Any]:
        return {"can_report": reporting_units(self.actor).exists()}


class MoodCreate(FormPage[MoodReport]):
    form_class = MoodReportForm
    template_name = "voice/mood_form.html"
    success_message = gettext_lazy("The report was recorded.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and not reporting_units(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_kwargs(self, record: MoodReport | None) -> dict[str, Any]:
        return {**super().form_kwargs(record), "user": self.actor}

    def save(self, form: MoodReportForm, record: MoodReport | None) -> MoodReport:
        return services.mood_report_create(actor=self.actor, **form.cleaned_data)

    def success_url(self, record: MoodReport) -> str:
        return reverse("voice:mood")


# --- hot spots -----------------------------------------------------------------------


class HotspotList(StyledFilters):
    """A province's map of communes by alert level, and its alerts."""

    template_name = "voice/hotspots.html"
    title = gettext_lazy("Hot spots")
    filterset_class = AlertFilter
    table_class = AlertTable

    def provinces(self) -> list[Unit]:
        if not hasattr(self, "_provinces"):
            self._provinces = list(provinces_visible(self.actor))
        return self._provinces

    def province(self) -> Unit | None:
        """The province asked for; by default the one of the latest alert the user sees,
        else the first one."""
        provinces = self.provinces()
        chosen = posted_id(self.request.GET.get("province", ""))
        latest = alerts_visible(self.actor).order_by("-week_start").first()
        fallback = next((p for p in provinces if latest and p.pk == latest.province_id), None)
        return next(
            (p for p in provinces if p.pk == chosen),
            fallback or (provinces[0] if provinces else None),
        )

    def records(self) -> QuerySet[HotspotAlert]:
        self.chosen = self.province()
        return alerts_visible(self.actor).filter(province=self.chosen)

    def context(self, queryset: QuerySet[HotspotAlert]) -> dict[str, Any]:
        province = self.chosen
        places = province_places(self.actor, province=province) if province else []
        link = f"{reverse('voice:hotspots')}?province={province.pk if province else ''}"
        point_map = charts.point_map(
            [
                (
                    place.commune.name,
                    float(place.commune.latitude or 0),
                    float(place.commune.longitude or 0),
                    LEVEL_COLOURS[place.level],
                    7 if place.level else 4,
                    f"{link}&commune={place.commune.pk}",
                    place.commune.name
                    + (f" · {place.alerts} " + _("alerts") if place.alerts else ""),
                )
                for place in places
            ],
            title=_("Communes by alert level (last four weeks)"),
        )
        return {
            "provinces": self.provinces(),
            "province": province,
            "map": point_map,
            "colours": LEVEL_COLOURS,
        }


class AlertPage(RecordPage[HotspotAlert]):
    template_name = "voice/alert.html"

    def record(self) -> HotspotAlert:
        return alert_get(self.actor, pk=self.kwargs["pk"])

    def context(self, record: HotspotAlert) -> dict[str, Any]:
        petitions = petitions_visible(self.actor).filter(pk__in=record.petitions.values("pk"))
        return {
            "alert": record,
            "communes": record.communes.all(),
            "petitions": _listed(petitions),
            "mood_reports": mood_reports_visible(self.actor).filter(
                pk__in=record.mood_reports.values("pk")
            ),
            "can_act": may(self.actor, Role.EDITOR, record.commune),
            "assign_form": AssignForm(auto_id="id_assign_%s"),
            "resolve_form": ResolveForm(auto_id="id_resolve_%s"),
        }


class AlertStep(ActionPage[HotspotAlert]):
    template_name = "voice/step.html"
    success_message = gettext_lazy("Recorded.")

    def record(self) -> HotspotAlert:
        return alert_get(self.actor, pk=self.kwargs["pk"])

    def allowed(self, record: HotspotAlert) -> bool:
        return may(self.actor, Role.EDITOR, record.commune)


class AlertAcknowledge(AlertStep):
    title = gettext_lazy("Acknowledge the alert")

    def act(self, form: forms.Form, record: HotspotAlert) -> None:
        services.alert_acknowledge(actor=self.actor, alert=record)


class AlertAssign(AlertStep):
    title = gettext_lazy("Assign the alert to an officer")
    form_class = AssignForm

    def act(self, form: AssignForm, record: HotspotAlert) -> None:
        user = User.objects.filter(username=form.cleaned_data["assignee"]).first()
        if user is None:
            raise ValidationError({"assignee": _("No officer has this user name.")})
        services.alert_assign(
            actor=self.actor, alert=record, assignee=user, note=form.cleaned_data["note"]
        )


class AlertResolve(AlertStep):
    title = gettext_lazy("Resolve the alert")
    form_class = ResolveForm

    def act(self, form: ResolveForm, record: HotspotAlert) -> None:
        services.alert_resolve(actor=self.actor, alert=record, note=form.cleaned_data["note"])


alert_step = _steps(
    {"acknowledge": AlertAcknowledge, "assign": AlertAssign, "resolve": AlertResolve}
)
