"""Two officers, one person: the second save of a stale form is refused and loses nothing."""

from django.urls import reverse

from danvan.awards.tests.conftest import make_person
from danvan.conftest import Personas, World
from danvan.web.tests.concurrency import second_save_refused


def test_the_second_officer_is_refused_and_keeps_what_they_typed(
    world: World, personas: Personas
) -> None:
    person = make_person(world)
    refused = second_save_refused(
        personas.client(personas.commune_officer),
        personas.client(personas.province_officer),
        reverse("awards:person_edit", args=[person.pk]),
        mine={"position": "Trưởng ban"},
        theirs={"position": "Phó trưởng ban"},
    )
    assert "commune đã sửa bản ghi này lúc" in refused.content.decode()
    assert 'value="Phó trưởng ban"' in refused.content.decode()
    person.refresh_from_db()
    assert person.position == "Trưởng ban"
