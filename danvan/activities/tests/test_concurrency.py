"""Two officers, one activity: the second save of a stale form or API change is refused."""

from django.urls import reverse

from danvan.activities.models import Conference
from danvan.conftest import Personas
from danvan.core.tests.concurrency import second_save_refused


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
