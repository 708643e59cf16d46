"""Pages of figures: the dashboard and the periodic reports."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role, User
from danvan.accounts.selectors import home_units, units_visible, user_can
from danvan.audit.selectors import changes_of
from danvan.capability.views import show_again
from danvan.common import charts
from danvan.common.dates import parse_date
from danvan.common.forms import posted_id
from danvan.common.locking import StaleEdit
from danvan.common.responses import refused, render_form
from danvan.indicators.forms import ReasonForm, ReportForm
from danvan.indicators.models import Indicator, ReportStatus
from danvan.indicators.periods import Grain, Period
from danvan.indicators.selectors import (
    completeness,
    figures,
    reports_awaiting,
    reports_visible,
    rollup_unit_asked,
    rollup_visible,
)
from danvan.indicators.selectors import (
    dashboard as dashboard_data,
)
from danvan.indicators.services import (
    report_approve,
    report_reopen,
    report_return,
    report_save,
    report_submit,
)
from danvan.units.selectors import units_then

MONTHS = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"]


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # the views are behind login_required
    return request.user


def _as_of(request: HttpRequest) -> dt.date | None:
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        messages.error(request, _("Write the date as dd/mm/yyyy."))
        return None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    unit = rollup_unit_asked(request.user, raw=request.GET.get("unit", ""))
    today = timezone.localdate()
    year = posted_id(request.GET.get("year", "")) or today.year
    as_of = _as_of(request)
    if as_of is not None and not unit.is_valid_on(as_of):
        then = list(units_then(unit=unit, on=as_of).filter(pk__in=units_visible(request.user)))
        if len(then) == 1:  # the unit it was then: show that one, in the structure of the day
            query = request.GET.copy()
            query["unit"] = str(then[0].pk)
            return redirect(f"{request.path}?{query.urlencode()}")
        messages.error(
            request,
            _("%(unit)s did not exist on %(day)s; it stood then as: %(units)s.")
            % {
                "unit": unit,
                "day": f"{as_of:%d/%m/%Y}",
                "units": ", ".join(u.name for u in then) or "—",
            },
        )
        as_of = None
    data = dashboard_data(unit, year=year, chosen=request.GET.get("indicator", ""), as_of=as_of)
    rows = [
        (child, [data.by_child[(i.code, child.pk)] for i in data.indicators])
        for child in data.children
    ]
    # Reporting: the last quarter ended this year; a past year's yearly reports.
    reporting = (
        Period.of(Grain.QUARTER, today).previous() if year >= today.year else Period.year(year)
    )
    return render(
        request,
        "indicators/dashboard.html",
        {
            "data": data,
            "unit": unit,
            # the unit above, when the user may read its figures too
            "parent": unit.parent_id
            and units_visible(request.user).filter(pk=unit.parent_id).first(),
            "rows": rows,
            "direct": [data.direct[i.code] for i in data.indicators],
            "years": list(range(today.year, 2019, -1)),
            "as_of_text": f"{as_of:%d/%m/%Y}" if as_of else "",
            "child_chart": charts.bar_chart(
                [
                    *((_("At this level directly"), data.direct[data.chosen.code]),),
                    *(
                        (child.name, data.by_child[(data.chosen.code, child.pk)])
                        for child in data.children
                    ),
                ],
                title=f"{data.chosen.name} · {year}",
            ),
            "month_chart": charts.line_chart(
                MONTHS,
                [
                    (str(year), data.months_this_year),
                    (str(year - 1), data.months_last_year),
                ],
                title=_("%(indicator)s by month") % {"indicator": data.chosen.name},
            ),
            "completeness": completeness(unit, reporting),
            "can_report": user_can(request.user, Role.EDITOR, unit) and unit.valid_until is None,
            "report_period": reporting,
        },
    )


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    units = home_units(request.user)
    return render(
        request,
        "indicators/report_list.html",
        {
            "awaiting": reports_awaiting(request.user, units).order_by("unit__code")[:200],
            "recent": reports_visible(request.user).order_by("-updated_at")[:50],
            "units": units,
            "periods": _recent_periods(),
        },
    )


def _recent_periods() -> list[Period]:
    today = timezone.localdate()
    month, quarter = Period.of(Grain.MONTH, today), Period.of(Grain.QUARTER, today)
    return [
        month.previous(),
        month,
        quarter.previous(),
        quarter,
        Period.year(today.year - 1),
        Period.year(today.year),
    ]


def _period(key: str) -> Period:
    try:
        return Period.parse(key)
    except ValueError:
        raise Http404 from None


@login_required
def report_detail(request: HttpRequest, unit_pk: int, period_key: str) -> HttpResponse:
    """A unit's report for a period: enter, submit; the level above approves or returns."""
    unit = rollup_visible(request.user, unit_pk=unit_pk)
    period = _period(period_key)
    report = (
        reports_visible(request.user)
        .filter(unit=unit, grain=period.grain, period_start=period.start)
        .first()
    )
    enterable = list(Indicator.objects.filter(enterable=True))
    entered = {v.indicator_id: v.value for v in report.values.all()} if report else {}
    form = ReportForm(
        request.POST or None,
        indicators=enterable,
        initial={
            **{f"i{pk}": value for pk, value in entered.items()},
            "version": report.version if report else 0,
        },
    )
    status = None  # 400 or 200 by the form, unless the save is refused as stale (409)
    can_edit = user_can(request.user, Role.EDITOR, unit) and not (report and report.is_locked)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = report_save(
                    actor=_actor(request),
                    unit=unit,
                    period=period,
                    values=form.values(),
                    version=form.cleaned_data["version"],
                )
                if "submit" in request.POST:
                    report_submit(actor=_actor(request), report=report)
                    messages.success(request, _("The report was submitted to the level above."))
                else:
                    messages.success(request, _("Saved."))
                return redirect("indicators:report", unit_pk=unit.pk, period_key=period.key)
            except StaleEdit as exc:
                show_again(form, exc)
                report, status = exc.current, 409
                entered = {v.indicator_id: v.value for v in report.values.all()}
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
    counted = figures(enterable, [unit], period)
    lines = [
        (
            indicator,
            form[f"i{indicator.pk}"],
            counted[(indicator.code, unit.pk)] - entered.get(indicator.pk, 0),
        )
        for indicator in enterable
    ]
    parent = unit.parent
    return render_form(
        request,
        "indicators/report_detail.html",
        {
            "unit": unit,
            "period": period,
            "report": report,
            "form": form,
            "lines": lines,
            "can_edit": can_edit,
            "can_decide": parent is not None and user_can(request.user, Role.APPROVER, parent),
            "reason_form": ReasonForm(),
            "completeness": completeness(unit, period),
            "changes": changes_of(instance=report)[:100] if report else [],
            "statuses": ReportStatus,
        },
        status=status,
    )


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = reports_visible(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    try:
        if action == "approve":
            report_approve(actor=_actor(request), report=report)
            messages.success(request, _("Approved: the report is locked."))
        elif action == "return":
            report_return(actor=_actor(request), report=report, note=note)
            messages.success(request, _("Returned to %(unit)s.") % {"unit": report.unit})
        elif action == "reopen":
            report_reopen(actor=_actor(request), report=report, note=note)
            messages.success(request, _("Reopened: the report can be corrected."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return refused(
            request,
            back=reverse(
                "indicators:report",
                kwargs={"unit_pk": report.unit_id, "period_key": report.period.key},
            ),
        )
    return redirect("indicators:report", unit_pk=report.unit_id, period_key=report.period.key)
