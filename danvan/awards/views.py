"""Award pages: people, eligibility, proposal batches on their way up, decisions, awards."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.accounts.selectors import user_can
from danvan.audit.selectors import changes_of
from danvan.awards import documents, excel, services
from danvan.awards.filters import AwardFilter, PersonFilter
from danvan.awards.forms import (
    BatchForm,
    CeremonyForm,
    DecideForm,
    DisciplineForm,
    EligibleForm,
    ImportForm,
    LineForm,
    MergeForm,
    PastAwardForm,
    PersonForm,
    ReasonForm,
    RevokeForm,
    ServicePeriodForm,
)
from danvan.awards.models import Award, BatchStatus, Decision, LineStatus, ProposalLine
from danvan.awards.selectors import (
    award_get,
    award_statistics,
    awards_visible,
    batch_get,
    batch_lines,
    batches_awaiting,
    batches_visible,
    can_edit,
    can_review,
    eligibility_all,
    eligible_people,
    likely_duplicates,
    people_visible,
    person_get,
)
from danvan.capability.views import edit_refused
from danvan.common import charts, spreadsheets
from danvan.common.forms import posted_id
from danvan.common.locking import StaleEdit
from danvan.common.numbers import format_number
from danvan.common.responses import refused, render_form
from danvan.common.text import search_words

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; its refusal becomes error messages. True when it went through."""
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        for message in getattr(exc, "messages", None) or [str(exc)]:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    header = content_disposition_header(True, name)  # names may hold "Đ"
    assert header is not None
    response["Content-Disposition"] = header
    return response


# --- Awards given -----------------------------------------------------------------------------


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    award_filter = AwardFilter(request.GET, queryset=awards_visible(request.user))
    queryset = award_filter.qs if award_filter.is_valid() else Award.objects.none()
    return render(
        request,
        "awards/list.html",
        {
            "filter": award_filter,
            "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
            "stats": award_statistics(queryset),
            "awaiting": batches_awaiting(request.user)[:20],
        },
    )


@login_required
def award_export(request: HttpRequest) -> HttpResponse:
    award_filter = AwardFilter(request.GET, queryset=awards_visible(request.user))
    queryset = award_filter.qs if award_filter.is_valid() else Award.objects.none()
    name = f"khen-thuong-{timezone.localdate():%Y%m%d}.xlsx"
    return _file(excel.export_awards(queryset), XLSX, name)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    award_filter = AwardFilter(request.GET, queryset=awards_visible(request.user))
    queryset = award_filter.qs if award_filter.is_valid() else Award.objects.none()
    stats = award_statistics(queryset)
    return render(
        request,
        "awards/statistics.html",
        {
            "filter": award_filter,
            "stats": stats,
            "year_chart": charts.bar_chart(
                [(str(year), n) for year, n in stats.by_year], title=_("Awards by year")
            ),
        },
    )


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = award_get(request.user, pk=pk)
    form = RevokeForm(request.POST or None, initial={"on": timezone.localdate()})
    can_revoke = award.revoked_on is None and user_can(request.user, Role.APPROVER, award.unit)
    if request.method == "POST" and can_revoke and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            request,
            lambda: services.award_revoke(
                actor=request.user,  # type: ignore[arg-type]
                award=award,
                on=data["on"],
                reason=data["reason"],
            ),
            _("The award was revoked."),
        ):
            return redirect("awards:award", award.pk)
    return render_form(
        request,
        "awards/award.html",
        {
            "award": award,
            "form": form,
            "can_revoke": can_revoke,
            "changes": changes_of(instance=award)[:50],
        },
        refused=request.method == "POST",
    )


# --- People -----------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    person_filter = PersonFilter(request.GET, queryset=people_visible(request.user))
    queryset = person_filter.qs if person_filter.is_valid() else people_visible(request.user)
    return render(
        request,
        "awards/people.html",
        {
            "filter": person_filter,
            "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Added %(code)s.") % {"code": person.code})
            return redirect("awards:person", person.pk)
    return render_form(request, "awards/form.html", {"form": form, "title": _("Add a person")})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(request.user, pk=pk)
    if not user_can(request.user, Role.EDITOR, person.unit):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)  # type: ignore[arg-type]
        except StaleEdit as exc:
            context = {"form": form, "title": str(person)}
            return edit_refused(request, "awards/form.html", context, form=form, error=exc)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("awards:person", person.pk)
    return render_form(request, "awards/form.html", {"form": form, "title": str(person)})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(request.user, pk=pk)
    if person.merged_into is not None:
        messages.info(
            request, _("This record was merged into %(code)s.") % {"code": person.merged_into.code}
        )
        return redirect("awards:person", person.merged_into.pk)
    can_edit_person = user_can(request.user, Role.EDITOR, person.unit)
    forms = {
        "service": ServicePeriodForm(prefix="service"),
        "discipline": DisciplineForm(prefix="discipline"),
        "past": PastAwardForm(prefix="past"),
    }
    if request.method == "POST" and can_edit_person:
        kind = request.POST.get("form", "")
        actor: Any = request.user
        action: Callable[[], object]
        if kind == "service":
            form: Any = ServicePeriodForm(request.POST, prefix="service")

            def action() -> object:
                return services.service_period_add(actor=actor, person=person, **form.cleaned_data)

        elif kind == "discipline":
            form = DisciplineForm(request.POST, prefix="discipline")

            def action() -> object:
                return services.discipline_add(actor=actor, person=person, **form.cleaned_data)

        elif kind == "past":
            form = PastAwardForm(request.POST, prefix="past")

            def action() -> object:
                return services.award_record_past(
                    actor=actor, person=person, unit=person.unit, **form.cleaned_data
                )

        else:
            raise Http404
        forms[kind] = form
        if form.is_valid() and _attempt(request, action, _("Saved.")):
            return redirect("awards:person", person.pk)
        if not form.is_valid():
            messages.error(request, _("Check the fields of the form below."))
    return render_form(
        request,
        "awards/person.html",
        {
            "person": person,
            "service": person.service.all(),
            "disciplines": person.disciplines.all(),
            "awards": person.awards.select_related("award_type", "decision"),
            "verdicts": eligibility_all(person, timezone.localdate()),
            "can_edit": can_edit_person,
            "can_discipline": user_can(request.user, Role.APPROVER, person.unit),
            "forms": forms,
            "changes": changes_of(instance=person)[:50],
        },
        refused=request.method == "POST",
    )


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keep = person_get(request.user, pk=form.cleaned_data["keep"])
        duplicate = person_get(request.user, pk=form.cleaned_data["duplicate"])
        if _attempt(
            request,
            lambda: services.person_merge(
                actor=request.user,  # type: ignore[arg-type]
                keep=keep,
                duplicate=duplicate,
                reason=form.cleaned_data["reason"],
            ),
            _("%(duplicate)s was merged into %(keep)s.")
            % {"duplicate": duplicate.code, "keep": keep.code},
        ):
            return redirect("awards:person", keep.pk)
    elif request.method == "POST":
        messages.error(request, _("Say why these records are the same person."))
    return render_form(
        request,
        "awards/duplicates.html",
        {"groups": likely_duplicates(request.user)},
        refused=request.method == "POST",
    )


# --- Eligibility ------------------------------------------------------------------------------


@login_required
def eligible(request: HttpRequest) -> HttpResponse:
    form = EligibleForm(request.GET or None, user=request.user)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        on = form.cleaned_data["on"] or timezone.localdate()
        award_type = form.cleaned_data["award"]
        context.update(
            on=on,
            can_propose=on <= timezone.localdate(),
            award_type=award_type,
            candidates=eligible_people(
                request.user, unit=form.cleaned_data["unit"], award_type=award_type, on=on
            ),
            batches=[
                b
                for b in batches_visible(request.user).filter(
                    status__in=[BatchStatus.DRAFT, BatchStatus.RETURNED]
                )
                if can_edit(request.user, b)
            ],
        )
    return render(request, "awards/eligible.html", context)


@login_required
@require_POST
def batch_add_people(request: HttpRequest) -> HttpResponse:
    """Propose the people ticked on the eligibility page, all or none."""
    batch = batch_get(request.user, pk=posted_id(request.POST.get("batch", "")))
    award_type = (
        EligibleForm.base_fields["award"]
        .queryset.filter(  # type: ignore[attr-defined]
            code=request.POST.get("award", "")
        )
        .first()
    )
    people = people_visible(request.user).filter(
        pk__in=[posted_id(pk) for pk in request.POST.getlist("selected")]
    )
    if award_type is None or not people:
        messages.error(request, _("Tick the people to propose."))
        return refused(request, back=reverse("awards:batch", args=[batch.pk]))
    actor: Any = request.user

    def add_all() -> None:
        services.lines_add_people(
            actor=actor, batch=batch, people=list(people), award_type=award_type
        )

    if not _attempt(
        request, add_all, _("%(count)s proposals added.") % {"count": format_number(len(people))}
    ):
        return refused(request, back=reverse("awards:batch", args=[batch.pk]))
    return redirect("awards:batch", batch.pk)


# --- Batches ----------------------------------------------------------------------------------


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Batch %(code)s created.") % {"code": batch.code})
            return redirect("awards:batch", batch.pk)
    batches = batches_visible(request.user)
    return render_form(
        request,
        "awards/batches.html",
        {
            "form": form,
            "page": Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page")),
            "awaiting": batches_awaiting(request.user),
        },
    )


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(request.user, pk=pk)
    decision = Decision.objects.filter(batch=batch).first()
    lines = batch_lines(batch)
    return render(
        request,
        "awards/batch.html",
        {
            "batch": batch,
            "lines": lines,
            "accepted": sum(1 for line in lines if line.status == LineStatus.ACCEPTED),
            "steps": batch.steps.select_related("from_unit", "to_unit", "actor"),
            "decision": decision,
            "ceremonies": decision.ceremonies.all() if decision else [],
            "can_edit": can_edit(request.user, batch),
            "can_review": can_review(request.user, batch),
            "can_record_ceremony": decision is not None
            and user_can(request.user, Role.EDITOR, batch.unit),
            "line_form": LineForm(user=request.user, batch_unit=batch.unit),
            "decide_form": DecideForm(
                initial={
                    "date": timezone.localdate(),
                    "giver": _default_giver(lines),
                }
            ),
            "ceremony_form": CeremonyForm(initial={"date": timezone.localdate()}),
            "reason_form": ReasonForm(),
            "import_form": ImportForm(),
            "changes": changes_of(instance=batch)[:100],
        },
    )


def _default_giver(lines: Any) -> str:
    for line in lines:
        return line.award_type.giver_name
    return ""


@login_required
@require_POST
def batch_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The buttons of a batch page: each calls one service."""
    batch = batch_get(request.user, pk=pk)
    actor: Any = request.user
    post = request.POST
    if action == "line":
        form: Any = LineForm(post, user=request.user, batch_unit=batch.unit)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return refused(request, back=reverse("awards:batch", args=[batch.pk]))
        done = _attempt(
            request,
            lambda: services.line_add(actor=actor, batch=batch, **form.cleaned_data),
            _("The proposal was added."),
        )
    elif action in ("accept", "refuse", "forward", "return") and not _reason_fits(request):
        done = False
    elif action == "remove":
        line = _line_of(batch, post.get("line", ""))
        done = _attempt(
            request, lambda: services.line_remove(actor=actor, line=line), _("Removed.")
        )
    elif action == "submit":
        done = _attempt(
            request,
            lambda: services.batch_submit(actor=actor, batch=batch),
            _("The batch was submitted."),
        )
    elif action in ("accept", "refuse"):
        line = _line_of(batch, post.get("line", ""))
        done = _attempt(
            request,
            lambda: services.line_review(
                actor=actor, line=line, accepted=action == "accept", reason=post.get("reason", "")
            ),
            _("Accepted.") if action == "accept" else _("Returned."),
        )
    elif action == "accept-all":
        done = _attempt(
            request,
            lambda: services.lines_accept_pending(actor=actor, batch=batch),
            _("Every proposal awaiting review was accepted."),
        )
    elif action == "forward":
        done = _attempt(
            request,
            lambda: services.batch_forward(actor=actor, batch=batch, note=post.get("reason", "")),
            _("The batch was passed on."),
        )
    elif action == "return":
        done = _attempt(
            request,
            lambda: services.batch_return(actor=actor, batch=batch, reason=post.get("reason", "")),
            _("The batch was returned."),
        )
    elif action == "decide":
        form = DecideForm(post)
        if form.is_valid():
            done = _attempt(
                request,
                lambda: services.batch_decide(actor=actor, batch=batch, **form.cleaned_data),
                _("The decision was recorded and the awards given."),
            )
        else:
            messages.error(request, _("Check the decision's number, date and signer."))
            done = False
    elif action == "ceremony":
        form = CeremonyForm(post)
        decision = Decision.objects.filter(batch=batch).first()
        if decision is None:
            raise Http404
        if form.is_valid():
            done = _attempt(
                request,
                lambda: services.ceremony_record(
                    actor=actor, decision=decision, **form.cleaned_data
                ),
                _("The ceremony was recorded."),
            )
        else:
            messages.error(request, _("Check the ceremony's date, place and presenter."))
            done = False
    elif action == "import":
        done = _import(request, batch)
    else:
        raise Http404
    if not done:
        return refused(request, back=reverse("awards:batch", args=[batch.pk]))
    return redirect("awards:batch", batch.pk)


def _reason_fits(request: HttpRequest) -> bool:
    """The reason typed on the batch page is within its limit; its error as a message if not."""
    form = ReasonForm(request.POST)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return form.is_valid()


def _line_of(batch: Any, pk: str) -> ProposalLine:
    line = batch.lines.filter(pk=posted_id(pk)).first()
    if line is None:
        raise Http404
    return line


def _import(request: HttpRequest, batch: Any) -> bool:
    """Import proposals from the uploaded file, all or none. True when it went through."""
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to import."))
        return False
    if (upload.size or 0) > spreadsheets.MAX_BYTES:
        messages.error(request, _("The file is larger than 20 MB: split it into smaller files."))
        return False
    try:
        result = excel.parse_lines(
            user=request.user, unit=batch.unit, rows=excel.read_workbook(upload.read())
        )
        if result.errors:
            raise ValidationError(result.errors)
        count = services.lines_import(actor=request.user, batch=batch, rows=result.rows)  # type: ignore[arg-type]
    except spreadsheets.ImportFileError as exc:
        messages.error(request, str(exc))
        return False
    except (ValidationError, PermissionDenied) as exc:
        errors = getattr(exc, "messages", None) or [str(exc)]
        messages.error(request, _("Nothing was imported:") + " " + " | ".join(errors[:50]))
        return False
    messages.success(request, _("%(count)s proposals imported.") % {"count": format_number(count)})
    return True


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    return _file(excel.template_workbook(), XLSX, "mau-danh-sach-de-nghi-khen-thuong.xlsx")


@login_required
def decision_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    batch = batch_get(request.user, pk=pk)
    decision = Decision.objects.filter(batch=batch).select_related("batch__decider").first()
    if decision is None:
        raise Http404
    slug = "-".join(search_words(decision.number))  # 1510-QĐ/BTGDVTW: 1510-qd-btgdvtw
    if kind == "docx":
        return _file(documents.decision_docx(decision), DOCX, f"quyet-dinh-{slug}.docx")
    if kind == "certificates":
        return _file(
            documents.certificates_pdf(decision), "application/pdf", f"giay-chung-nhan-{slug}.pdf"
        )
    raise Http404
