"""Two officers, one activity: the second save of a stale form or API change is refused; a
report does not go up while a change to its records is being written."""

import threading

from django.db import transaction
from django.urls import reverse

from danvan.activities.models import Conference, ConferenceKind
from danvan.activities.services import activity_create, activity_update
from danvan.activities.tests.conftest import DAY
from danvan.conftest import Personas
from danvan.indicators.models import PeriodReport, ReportStatus
from danvan.indicators.periods import Period
from danvan.indicators.services import report_save, report_submit
from danvan.web.tests.concurrency import (
    at_once,
    committed_officers,
    kept_figures,
    needs_postgres,
    rebuilt_figures,
    second_save_refused,
    waits_for_a_lock,
)


def test_the_second_officer_is_refused_and_keeps_what_they_typed(
    personas: Personas, conference: Conference
) -> None:
    refused = second_save_refused(
        personas.client(personas.commune_officer),
        personas.client(personas.province_officer),
        reverse("activities:edit", args=["conferences", conference.pk]),
        mine={"persons": 41, "reason": "Số liệu mới"},
        theirs={"persons": 42, "reason": "Số liệu của tôi"},
    )
    assert "commune đã sửa bản ghi này lúc" in refused.content.decode()
    assert 'value="42"' in refused.content.decode()
    conference.refresh_from_db()
    assert conference.persons == 41


def test_the_api_refuses_a_stale_version_with_409(
    personas: Personas, conference: Conference
) -> None:
    url = f"/api/activities/conferences/{conference.pk}/"
    first = personas.client(personas.commune_officer)
    version = first.get(url).json()["version"]
    assert first.patch(url, {"persons": 41, "version": version}, "application/json").json()[
        "version"
    ] == (version + 1)
    second = personas.client(personas.province_officer)
    refused = second.patch(url, {"persons": 42, "version": version}, "application/json")
    assert refused.status_code == 409 and "commune đã sửa" in refused.json()["detail"]
    conference.refresh_from_db()
    assert conference.persons == 41


@needs_postgres
def test_a_report_goes_up_only_once_a_change_to_its_records_has_landed(
    django_db_setup, django_db_blocker
) -> None:
    """An officer's change to a conference is being written while the commune's report for
    its quarter is submitted: the submission waits for the change (and then counts it)
    rather than going up with figures that change right after."""
    with committed_officers(django_db_blocker) as officers:
        with django_db_blocker.unblock():
            conference = activity_create(
                actor=None,
                model=Conference,
                unit=officers.commune,
                date=DAY,
                title="Hội nghị chạy đua",
                kind=ConferenceKind.PROPAGANDA,
                persons=40,
                attendances=55,
            )
            report = report_save(
                actor=None, unit=officers.commune, period=Period.quarter(2026, 1), values={}
            )
        written, submitted, go = threading.Event(), threading.Event(), threading.Event()

        def change() -> None:
            with transaction.atomic():  # written, not yet committed, until the watch says go
                activity_update(actor=officers.editor, activity=conference, persons=41)
                written.set()
                go.wait(timeout=30)

        def submit() -> PeriodReport:
            written.wait(timeout=30)
            try:
                return report_submit(actor=officers.editor, report=report)
            finally:
                submitted.set()

        def watch() -> bool:
            """Whether the submission waited for the uncommitted change."""
            written.wait(timeout=30)
            try:
                return waits_for_a_lock(until=submitted)
            finally:
                go.set()

        try:
            with django_db_blocker.unblock():
                _changed, report, waited = at_once(change, submit, watch)
                assert waited is True
                assert report.status == ReportStatus.SUBMITTED
                conference.refresh_from_db()
                assert conference.persons == 41
                assert kept_figures("activities.conference") == rebuilt_figures(
                    "activities.conference"
                )
        finally:
            with django_db_blocker.unblock():
                Conference.objects.filter(pk=conference.pk).delete()
                PeriodReport.objects.filter(pk=report.pk).delete()
