from django.test import Client

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


def test_the_frameworks_refusals_read_in_vietnamese(personas: Personas) -> None:
    """REST framework's own catalogue leaves most of its messages in English."""
    assert Client().get("/api/units/").json() == {
        "detail": "Chưa có thông tin xác thực: hãy đăng nhập hoặc gửi mã truy cập (token)."
    }
    client = personas.client(personas.commune_officer)
    assert client.get("/api/units/", {"page": "x"}).json() == {"detail": "Trang không hợp lệ."}
    url = "/api/activities/conferences/"
    broken = client.post(url, "{not json", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json() == {"detail": "Không đọc được nội dung của yêu cầu."}
    missing = client.post(url, {}, content_type="application/json").json()
    assert missing["title"] == ["Trường này là bắt buộc."]


def test_the_schema_documents_the_refusals(personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert set(paths["/api/units/"]["get"]["responses"]) == {"200", "400", "401", "403", "404"}
    detail = paths["/api/activities/conferences/{id}/"]
    # 409: the record changed since the version sent (optimistic locking)
    assert set(detail["patch"]["responses"]) == {"200", "400", "401", "403", "404", "409"}
    assert set(detail["get"]["responses"]) == {"200", "401", "403", "404"}


def test_the_ancestors_are_documented_as_the_plain_list_they_are(personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    ancestors = paths["/api/units/{id}/ancestors/"]["get"]
    assert ancestors["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    assert [p["name"] for p in ancestors["parameters"]] == ["id"]
