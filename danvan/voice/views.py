"""Citizens' voice pages: the dashboard, petitions and their steps, the public tracking
page, the people's mood and hot spots."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import User
from danvan.audit.selectors import changes_of
from danvan.common import charts
from danvan.common.forms import posted_id
from danvan.common.responses import refused, render_form
from danvan.voice import services
from danvan.voice.filters import MoodReportFilter, PetitionFilter
from danvan.voice.forms import (
    ActionForm,
    AnswerForm,
    AssignForm,
    MoodReportForm,
    PetitionForm,
    RateForm,
    TrackForm,
    TransferForm,
)
from danvan.voice.models import AlertStatus, FileRole, HotspotAlert, MoodReport, Petition, State
from danvan.voice.selectors import (
    LEVEL_COLOURS,
    alert_get,
    alerts_visible,
    can_handle,
    dashboard,
    mood_reports_visible,
    petition_by_code,
    petition_get,
    petitions_visible,
    province_places,
    provinces_visible,
)

PAGE_SIZE = 50


def _errors(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "voice/dashboard.html", {"board": dashboard(request.user)})


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    petition_filter = PetitionFilter(request.GET, queryset=petitions_visible(request.user))
    queryset = petition_filter.qs if petition_filter.is_valid() else Petition.objects.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "voice/list.html", {"filter": petition_filter, "page": page})


@login_required
def petition_create(request: HttpRequest) -> HttpResponse:
    form = PetitionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attachments = data.pop("attachments")
        try:
            petition = services.petition_file(
                actor=request.user,  # type: ignore[arg-type]
                attachments=attachments,
                **data,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Filed as %(code)s.") % {"code": petition.code})
            return redirect("voice:receipt", petition.pk)
    return render_form(request, "voice/form.html", {"form": form})


@login_required
def petition_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt handed or read to the citizen: the tracking code and where to look."""
    petition = petition_get(request.user, pk=pk)
    if not can_handle(request.user, petition):
        raise PermissionDenied
    return render(
        request,
        "voice/receipt.html",
        {"petition": petition, "track_url": request.build_absolute_uri(reverse("voice:track"))},
    )


# The steps a handler may take from each state, with the form each one needs.
ACTIONS: dict[str, list[str]] = {
    State.RECEIVED: ["acknowledge", "transfer", "return"],
    State.ACKNOWLEDGED: ["start", "answer", "transfer", "return"],
    State.IN_PROGRESS: ["answer", "transfer", "return"],
    State.ANSWERED: ["close"],
}


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_get(request.user, pk=pk)
    handles = can_handle(request.user, petition)
    files = petition.files.all()
    return render(
        request,
        "voice/detail.html",
        {
            "petition": petition,
            "handles": handles,
            "steps": petition.steps.select_related("actor", "unit"),
            "attachments": [f for f in files if f.role == FileRole.ATTACHMENT],
            "evidence": [f for f in files if f.role == FileRole.EVIDENCE],
            "actions": ACTIONS.get(petition.state, []) if handles else [],
            "answer_form": AnswerForm(),
            "transfer_form": TransferForm(user=request.user),
            "changes": changes_of(instance=petition)[:100] if handles else [],
        },
    )


def _simple(step: Callable[..., Petition]) -> Callable[[HttpRequest, Petition], None]:
    def run(request: HttpRequest, petition: Petition) -> None:
        form = ActionForm(request.POST)
        if not form.is_valid():  # a reason too long is refused, not dropped
            raise ValidationError(list(form.errors["reason"]))
        reason = form.cleaned_data["reason"]
        kwargs: dict[str, Any] = {"reason": reason} if step in REASONED else {}
        step(actor=request.user, petition=petition, **kwargs)

    return run


REASONED = {services.petition_close, services.petition_return}


def _answer(request: HttpRequest, petition: Petition) -> None:
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(_("Write the answer; attach its evidence where there is any."))
    services.petition_answer(
        actor=request.user,  # type: ignore[arg-type]
        petition=petition,
        answer=form.cleaned_data["answer"],
        evidence=form.cleaned_data["evidence"],
    )


def _transfer(request: HttpRequest, petition: Petition) -> None:
    form = TransferForm(request.POST, user=request.user)
    if not form.is_valid():
        raise ValidationError(_("Choose the unit and give the reason."))
    services.petition_transfer(
        actor=request.user,  # type: ignore[arg-type]
        petition=petition,
        to=form.cleaned_data["to"],
        reason=form.cleaned_data["reason"],
    )


STEPS: dict[str, Callable[[HttpRequest, Petition], None]] = {
    "acknowledge": _simple(services.petition_acknowledge),
    "start": _simple(services.petition_start),
    "close": _simple(services.petition_close),
    "return": _simple(services.petition_return),
    "answer": _answer,
    "transfer": _transfer,
}


@login_required
@require_POST
def petition_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = petition_get(request.user, pk=pk)
    step = STEPS.get(action)
    if step is None:
        raise Http404
    try:
        step(request, petition)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return refused(request, back=reverse("voice:detail", args=[petition.pk]))
    messages.success(request, _("Recorded."))
    return redirect("voice:detail", petition.pk)


@login_required
def petition_file_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    petition = petition_get(request.user, pk=pk)
    if not can_handle(request.user, petition):
        raise Http404
    attached = petition.files.filter(pk=file_pk).first()
    if attached is None:
        raise Http404
    return FileResponse(
        attached.file.open("rb"), as_attachment=True, filename=attached.original_name
    )


def track(request: HttpRequest) -> HttpResponse:
    """The public page: the state and the answer of a petition, from its tracking code.
    Nothing personal: no contact, no officer's name, no file."""
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
    return render(
        request, "voice/track.html", {"form": form, "petition": petition, "rate_form": rate_form}
    )


@require_POST
def track_rate(request: HttpRequest) -> HttpResponse:
    form = RateForm(request.POST)
    code = request.POST.get("code", "")
    back = f"{reverse('voice:track')}?{urlencode({'code': code[:30]})}"
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
        return refused(request, back=back)
    try:
        services.petition_rate(
            code=form.cleaned_data["code"],
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        _errors(request, exc)
        return refused(request, back=back)
    messages.success(request, _("Thank you: your rating was recorded."))
    return redirect(back)


@login_required
def mood_list(request: HttpRequest) -> HttpResponse:
    mood_filter = MoodReportFilter(request.GET, queryset=mood_reports_visible(request.user))
    queryset = mood_filter.qs if mood_filter.is_valid() else MoodReport.objects.none()
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "voice/mood_list.html", {"filter": mood_filter, "page": page})


@login_required
def mood_create(request: HttpRequest) -> HttpResponse:
    form = MoodReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.mood_report_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("The report was recorded."))
            return redirect("voice:mood")
    return render_form(request, "voice/mood_form.html", {"form": form})


@login_required
def hotspots(request: HttpRequest) -> HttpResponse:
    provinces = list(provinces_visible(request.user))
    chosen = request.GET.get("province", "")
    # By default the province of the latest alert the user sees, else the first one.
    latest = alerts_visible(request.user).order_by("-week_start").first()
    fallback = next((p for p in provinces if latest and p.pk == latest.province_id), None)
    province = next(
        (p for p in provinces if str(p.pk) == chosen),
        fallback or (provinces[0] if provinces else None),
    )
    places = province_places(request.user, province=province) if province else []
    point_map = charts.point_map(
        [
            (
                place.commune.name,
                float(place.commune.latitude or 0),
                float(place.commune.longitude or 0),
                LEVEL_COLOURS[place.level],
                7 if place.level else 4,
                f"{reverse('voice:hotspots')}?province={province.pk if province else ''}"
                f"&commune={place.commune.pk}",
                place.commune.name + (f" · {place.alerts} " + _("alerts") if place.alerts else ""),
            )
            for place in places
        ],
        title=_("Communes by alert level (last four weeks)"),
    )
    alerts = alerts_visible(request.user)
    if province is not None:
        alerts = alerts.filter(province=province)
    if commune := posted_id(request.GET.get("commune", "")):
        alerts = alerts.filter(communes=commune)
    if request.GET.get("open") != "0":
        alerts = alerts.exclude(status=AlertStatus.RESOLVED)
    return render(
        request,
        "voice/hotspots.html",
        {
            "provinces": provinces,
            "province": province,
            "map": point_map,
            "alerts": alerts.distinct()[:200],
            "colours": LEVEL_COLOURS,
        },
    )


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = alert_get(request.user, pk=pk)
    return render(
        request,
        "voice/alert.html",
        {
            "alert": alert,
            "communes": alert.communes.all(),
            "petitions": petitions_visible(request.user).filter(
                pk__in=alert.petitions.values("pk")
            ),
            "mood_reports": mood_reports_visible(request.user).filter(
                pk__in=alert.mood_reports.values("pk")
            ),
            "assign_form": AssignForm(),
            "changes": changes_of(instance=alert)[:50],
        },
    )


def _alert_step(request: HttpRequest, alert: HotspotAlert, action: str) -> None:
    if action == "acknowledge":
        services.alert_acknowledge(actor=request.user, alert=alert)  # type: ignore[arg-type]
    elif action == "assign":
        form = AssignForm(request.POST)
        user = (
            User.objects.filter(username=form.cleaned_data["assignee"]).first()
            if form.is_valid()
            else None
        )
        if user is None:
            raise ValidationError(_("No officer has this user name."))
        services.alert_assign(
            actor=request.user,  # type: ignore[arg-type]
            alert=alert,
            assignee=user,
            note=form.cleaned_data["note"],
        )
    elif action == "resolve":
        services.alert_resolve(
            actor=request.user,  # type: ignore[arg-type]
            alert=alert,
            note=request.POST.get("note", ""),
        )
    else:
        raise Http404


@login_required
@require_POST
def alert_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    alert = alert_get(request.user, pk=pk)
    try:
        _alert_step(request, alert, action)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return refused(request, back=reverse("voice:alert", args=[alert.pk]))
    messages.success(request, _("Recorded."))
    return redirect("voice:alert", alert.pk)
