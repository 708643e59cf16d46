from danvan.conftest import Personas


def test_openapi_schema_describes_the_unit_endpoints(personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/units/" in paths and "/api/units/{id}/lineage/" in paths
    assert "/api/lineage-events/" in paths


def test_interactive_docs_are_served_locally(personas: Personas) -> None:
    html = personas.client(personas.province_officer).get("/api/docs/").content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()


def test_a_missing_or_hidden_object_is_not_found_in_vietnamese(personas: Personas) -> None:
    """Out of scope and missing read the same, without naming the model in English."""
    client = personas.client(personas.outsider)
    for url in ("/api/registry/entries/999999/", "/api/activities/conferences/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}
