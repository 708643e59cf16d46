"""Two officers, one periodic report: a stale figures form is refused and loses nothing;
figures entered while the level above approves, and two approvers at once, stay consistent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.conftest import Personas, World
from danvan.indicators.models import Indicator, PeriodReport, ReportStatus, ReportValue
from danvan.indicators.periods import Period
from danvan.indicators.services import report_approve, report_save, report_submit
from danvan.web.tests.concurrency import (
    at_once,
    committed_officers,
    kept_figures,
    needs_postgres,
    rebuilt_figures,
    second_save_refused,
)

QUARTER = Period.quarter(2026, 2)


def _persons() -> int:
    return Indicator.objects.get(code="conference-persons").pk


def test_the_second_officer_is_refused_and_keeps_what_they_typed(
    world: World, personas: Personas
) -> None:
    field = f"i{_persons()}"
    refused = second_save_refused(
        personas.client(personas.commune_officer),
        personas.client(personas.province_officer),
        reverse("indicators:report", args=[world.commune.pk, QUARTER.key]),
        mine={field: 90},
        theirs={field: 75},
    )
    html = refused.content.decode()
    assert "commune đã sửa bản ghi này lúc" in html and 'value="75"' in html
    report = PeriodReport.objects.get(unit=world.commune)
    assert [v.value for v in report.values.all()] == [90]


@pytest.fixture
def submitted(django_db_setup, django_db_blocker):
    """The commune's report for the quarter, 10 persons entered, submitted; committed."""
    with committed_officers(django_db_blocker) as officers:
        with django_db_blocker.unblock():
            report = report_save(
                actor=officers.editor,
                unit=officers.commune,
                period=QUARTER,
                values={_persons(): 10},
            )
            report_submit(actor=officers.editor, report=report)
        yield officers, report
        with django_db_blocker.unblock():
            ReportValue.objects.filter(report=report).delete()
            report.delete()


@needs_postgres
def test_figures_entered_while_the_report_is_approved_do_not_slip_in(
    django_db_blocker, submitted
) -> None:
    """Invariant: an approved report holds the totals it was submitted with, and the kept
    figures are those counted from the records and the reports."""
    officers, report = submitted
    with django_db_blocker.unblock():
        approved, entered = at_once(
            lambda: report_approve(actor=officers.approvers[0], report=report),
            lambda: report_save(
                actor=officers.editor,
                unit=officers.commune,
                period=QUARTER,
                values={_persons(): 99},
            ),
        )
        assert isinstance(approved, PeriodReport) and isinstance(entered, ValidationError)
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED
        assert [v.value for v in report.values.all()] == [10]
        assert kept_figures("activities.conference") == rebuilt_figures("activities.conference")


@needs_postgres
def test_two_approvers_approving_at_once_one_is_refused(django_db_blocker, submitted) -> None:
    officers, report = submitted
    with django_db_blocker.unblock():
        outcomes = at_once(
            *(
                lambda user=user: report_approve(actor=user, report=report)
                for user in officers.approvers
            )
        )
        refused = [o for o in outcomes if isinstance(o, ValidationError)]
        assert sum(isinstance(o, PeriodReport) for o in outcomes) == 1 and len(refused) == 1
        assert "Báo cáo đang ở trạng thái đã phê duyệt" in refused[0].messages[0]
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED and report.decided_by in officers.approvers
