"""The awards API: scoped reads and statistics."""

from danvan.awards.models import AwardType
from danvan.awards.tests.conftest import make_person
from danvan.awards.tests.test_batches import _ready, decide
from danvan.conftest import Personas, World


def test_the_api_reads_within_scope(world: World, personas: Personas, medal: AwardType) -> None:
    person = make_person(world, years=22)
    decide(_ready(world, person, medal))
    province = personas.client(personas.province_officer)
    people = province.get("/api/awards/people/", {"q": "nguyen van hung"}).json()
    assert [p["code"] for p in people["results"]] == [person.code]
    awards = province.get("/api/awards/awards/").json()["results"]
    assert [(a["award_type"], a["person"]) for a in awards] == [(medal.code, person.code)]
    stats = province.get("/api/awards/awards/statistics/").json()
    assert stats["by_type"][medal.name] == {"individual": 1, "collective": 0}
    batches = province.get("/api/awards/batches/").json()["results"]
    assert batches[0]["lines"][0]["status"] == "awarded"
    outsider = personas.client(personas.outsider)
    assert outsider.get("/api/awards/people/").json()["results"] == []
    assert outsider.get(f"/api/awards/people/{person.pk}/").status_code == 404
    assert outsider.get("/api/awards/batches/").json()["results"] == []


def test_the_api_refuses_a_decimal_year(personas: Personas) -> None:
    """A decimal year passed the range check and reached the year lookup (a server error)."""
    client = personas.client(personas.province_officer)
    assert client.get("/api/awards/awards/", {"year": "2026.5"}).status_code == 400
    assert client.get("/api/awards/awards/", {"year": "2026"}).status_code == 200
