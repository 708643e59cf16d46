"""Periodic reports: entered totals count at once, checks refuse bad figures, the level above
approves or returns, and an approved period stays locked until reopened with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.activities.models import Conference, ConferenceKind
from danvan.activities.services import activity_create, activity_delete, activity_update
from danvan.indicators.models import Indicator, PeriodReport, ReportStatus
from danvan.indicators.periods import Period
from danvan.indicators.selectors import completeness, figure
from danvan.indicators.services import (
    report_approve,
    report_reopen,
    report_return,
    report_save,
    report_submit,
)

QUARTER = Period.quarter(2026, 2)


def _ids(*codes: str) -> list[int]:
    return [Indicator.objects.get(code=code).pk for code in codes]


def test_entered_totals_count_and_the_checks_refuse_bad_ones(world, personas) -> None:
    conferences, persons = _ids("conferences", "conference-persons")
    officer = personas.commune_officer
    with pytest.raises(ValidationError) as refused:
        report_save(
            actor=officer, unit=world.commune, period=QUARTER, values={conferences: 5, persons: 3}
        )
    assert "không thể nhỏ hơn" in " ".join(refused.value.messages)
    assert not PeriodReport.objects.filter(unit=world.commune).exists()
    report_save(
        actor=officer, unit=world.commune, period=QUARTER, values={conferences: 5, persons: 90}
    )
    indicator = Indicator.objects.get(code="conference-persons")
    assert figure(indicator, world.province, QUARTER) == 90
    assert figure(indicator, world.province, Period.year(2026)) == 90
    assert figure(indicator, world.province, Period.month(2026, 4)) == 0  # a quarter's total
    report_save(
        actor=officer, unit=world.commune, period=QUARTER, values={conferences: 5, persons: 60}
    )
    assert figure(indicator, world.province, QUARTER) == 60


def test_approval_locks_the_period_until_reopened_with_a_reason(world, personas) -> None:
    (persons,) = _ids("conference-persons")
    officer, approver = personas.commune_officer, personas.province_officer
    report = report_save(actor=officer, unit=world.commune, period=QUARTER, values={persons: 10})
    report_submit(actor=officer, report=report)
    with pytest.raises(ValidationError):
        report_save(actor=officer, unit=world.commune, period=QUARTER, values={persons: 99})
    with pytest.raises(PermissionDenied):
        report_approve(actor=officer, report=report)  # not the level above
    with pytest.raises(ValidationError):
        report_return(actor=approver, report=report, note="  ")
    report_return(actor=approver, report=report, note="Thiếu số liệu")
    report = report_save(actor=officer, unit=world.commune, period=QUARTER, values={persons: 12})
    report_submit(actor=officer, report=report)
    report = report_approve(actor=approver, report=report)
    assert report.status == ReportStatus.APPROVED
    with pytest.raises(ValidationError):
        report_save(actor=officer, unit=world.commune, period=QUARTER, values={persons: 13})
    with pytest.raises(ValidationError):
        report_reopen(actor=approver, report=report, note="")
    report_reopen(actor=approver, report=report, note="Sửa số liệu theo kết luận kiểm tra")
    report_save(actor=officer, unit=world.commune, period=QUARTER, values={persons: 13})
    indicator = Indicator.objects.get(code="conference-persons")
    assert figure(indicator, world.commune, QUARTER) == 13


def test_completeness_says_who_reported_and_on_time(world, personas) -> None:
    (persons,) = _ids("conference-persons")
    report = report_save(actor=None, unit=world.commune, period=QUARTER, values={persons: 1})
    report_submit(actor=None, report=report)
    PeriodReport.objects.filter(pk=report.pk).update(
        submitted_at=dt.datetime(2026, 7, 5, 9, tzinfo=dt.UTC)
    )
    late = report_save(actor=None, unit=world.other_commune, period=QUARTER, values={persons: 1})
    report_submit(actor=None, report=late)
    PeriodReport.objects.filter(pk=late.pk).update(
        submitted_at=dt.datetime(2026, 8, 30, 9, tzinfo=dt.UTC)
    )
    state = completeness(world.province, QUARTER)
    rows = {child.unit.pk: child for child in state.children}
    assert rows[world.commune.pk].on_time is True
    assert rows[world.other_commune.pk].on_time is False
    assert state.reported == 2 and state.on_time == 1
    assert len(state.children) > 2


def test_pages_work_for_the_officers_and_hide_from_the_outsider(world, personas) -> None:
    officer = personas.client(personas.commune_officer)
    url = reverse("indicators:report", args=[world.commune.pk, QUARTER.key])
    (persons,) = _ids("conference-persons")
    assert officer.get(url).status_code == 200
    response = officer.post(url, {f"i{persons}": "7", "submit": "1"})
    assert response.status_code == 302
    assert PeriodReport.objects.get(unit=world.commune).status == ReportStatus.SUBMITTED
    province = personas.client(personas.province_officer)
    report = PeriodReport.objects.get(unit=world.commune)
    province.post(reverse("indicators:report_decide", args=[report.pk]), {"action": "approve"})
    assert PeriodReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED
    outsider = personas.client(personas.outsider)
    assert outsider.get(url).status_code == 404
    assert (
        outsider.get(reverse("indicators:dashboard") + f"?unit={world.province.pk}").status_code
        == 404
    )
    page = province.get(reverse("indicators:dashboard") + f"?unit={world.province.pk}&year=2026")
    assert page.status_code == 200
    assert page.context["data"].key_figures


def test_a_report_gone_up_locks_the_records_it_counts(world, personas) -> None:
    """Submitted or approved, a period's records stay as the level above saw them, for the unit
    and the units below it, until the report is returned or reopened."""
    officer, approver = personas.commune_officer, personas.province_officer
    in_quarter, after = dt.date(2026, 5, 10), dt.date(2026, 7, 10)

    def conference(day: dt.date, unit=None) -> Conference:
        return activity_create(
            actor=approver,
            model=Conference,
            unit=unit or world.commune,
            date=day,
            title="Hội nghị",
            kind=ConferenceKind.PROPAGANDA,
            persons=10,
            attendances=10,
        )

    recorded = conference(in_quarter)
    report = report_save(actor=officer, unit=world.commune, period=QUARTER, values={})
    report_submit(actor=officer, report=report)
    with pytest.raises(ValidationError) as refused:
        conference(in_quarter)
    assert "Quý 2/2026" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        conference(in_quarter, unit=world.teams[0])  # a unit below: counted in the report
    with pytest.raises(ValidationError):
        activity_update(actor=officer, activity=recorded, persons=12, attendances=12)
    with pytest.raises(ValidationError):
        activity_update(actor=officer, activity=recorded, date=after)  # moved out of it
    with pytest.raises(ValidationError):
        activity_delete(actor=officer, activity=recorded)
    conference(after)  # another quarter is open
    conference(in_quarter, unit=world.other_commune)  # so is another commune
    report = report_approve(actor=approver, report=report)
    with pytest.raises(ValidationError):
        conference(in_quarter)
    report_reopen(actor=approver, report=report, note="Bổ sung hội nghị")
    conference(in_quarter)
    assert Conference.objects.filter(unit=world.commune, date=in_quarter).count() == 2


def test_the_pages_and_the_api_say_why_a_locked_record_stays(world, personas) -> None:
    officer, approver = personas.commune_officer, personas.province_officer
    recorded = activity_create(
        actor=officer,
        model=Conference,
        unit=world.commune,
        date=dt.date(2026, 5, 10),
        title="Hội nghị",
        kind=ConferenceKind.PROPAGANDA,
        persons=10,
        attendances=10,
    )
    report = report_save(actor=officer, unit=world.commune, period=QUARTER, values={})
    report_approve(actor=approver, report=report_submit(actor=officer, report=report))
    client = personas.client(officer)
    page = client.post(
        reverse("activities:delete", args=["conferences", recorded.pk]),
        {"reason": "Nhập trùng"},
        follow=True,
    )
    assert "Quý 2/2026" in page.content.decode()
    api = client.delete(f"/api/activities/conferences/{recorded.pk}/?reason=x")
    assert api.status_code == 400 and "Quý 2/2026" in api.content.decode()
    assert Conference.objects.filter(pk=recorded.pk).exists()


def test_a_report_reads_when_locked_with_its_change_log(world, personas) -> None:
    """The approver opens a submitted report with blank totals to decide on it."""
    officer = personas.client(personas.commune_officer)
    url = reverse("indicators:report", args=[world.commune.pk, QUARTER.key])
    (persons,) = _ids("conference-persons")
    officer.post(url, {f"i{persons}": "1229", "submit": "1"})
    page = personas.client(personas.province_officer).get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "1.229" in html
    assert 'id="change-log"' in html and "Đã gửi" in html


def test_the_dashboard_as_of_a_past_day_shows_the_unit_of_that_day(world, personas) -> None:
    client = personas.client(personas.province_officer)
    url = reverse("indicators:dashboard")
    response = client.get(url, {"unit": world.province.pk, "year": 2022, "as_of": "31/12/2024"})
    assert response.status_code == 302
    assert f"unit={world.legacy_province.pk}" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["data"].as_of == dt.date(2024, 12, 31)
    assert all(child.level.code == "district" for child in page.context["data"].children)


def test_the_dashboard_links_up_only_where_the_user_may_read(world, personas) -> None:
    url = reverse("indicators:dashboard")
    up = f'href="?unit={world.central.pk}&year='
    province = personas.client(personas.province_officer).get(url, {"unit": world.province.pk})
    assert up not in province.content.decode()
    central = personas.client(personas.central_admin).get(url, {"unit": world.province.pk})
    assert up in central.content.decode()
