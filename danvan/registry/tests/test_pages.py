import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.conftest import Personas, World
from danvan.registry.models import Entry, Field, MovementPeriod, Status
from danvan.registry.services import entry_transition
from danvan.units.models import UnitKind, UnitLevel
from danvan.units.services import unit_create


def test_each_persona_sees_only_its_entries(world: World, personas: Personas, entry: Entry) -> None:
    for user, visible in [
        (personas.central_admin, True),
        (personas.province_officer, True),
        (personas.commune_officer, True),
        (personas.outsider, False),
        (personas.nobody, False),
    ]:
        client = personas.client(user)
        assert (
            client.get(reverse("registry:detail", args=[entry.pk])).status_code == 200
        ) == visible
        assert (client.get(f"/api/registry/entries/{entry.pk}/").status_code == 200) == visible
        listed = client.get(reverse("registry:list")).context["records"]
        assert (entry in listed) == visible


def test_list_filters_search_without_diacritics_and_counts(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.province_officer)
    page = client.get(reverse("registry:list"), {"q": "tuyen duong hoa", "field": "kinh-te"})
    assert list(page.context["records"]) == [entry]
    assert page.context["statistics"].total == 1
    assert not client.get(reverse("registry:list"), {"field": "quoc-phong-an-ninh"}).context[
        "records"
    ]
    assert (
        client.get(reverse("registry:list"), {"in_force": "2023"}).context["statistics"].total == 0
    )
    assert (
        client.get(reverse("registry:list"), {"in_force": "2024"}).context["statistics"].total == 1
    )


def test_an_approver_records_a_step_in_the_page(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.province_officer)
    client.post(
        reverse("registry:transition", args=[entry.pk]),
        {"to": "effective", "on": "01/06/2024", "decision_code": "12-QĐ/BDVTU"},
    )
    entry.refresh_from_db()
    assert entry.status == Status.EFFECTIVE
    html = client.get(reverse("registry:detail", args=[entry.pk])).content.decode()
    assert "12-QĐ/BDVTU" in html and "01/06/2024" in html


def test_an_editor_registers_through_the_form(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = client.post(
        reverse("registry:create"),
        {
            "name": "Mô hình mới",
            "kind": "model",
            "unit": world.commune.pk,
            "field": Field.objects.get(code="kinh-te").pk,
            "period": MovementPeriod.objects.get(code="2021-2025").pk,
            "start_date": "01/03/2026",
        },
    )
    assert response.status_code == 302
    assert Entry.objects.get(name="Mô hình mới").start_date == dt.date(2026, 3, 1)


def test_evidence_files_are_checked_by_size_and_content(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    url = reverse("registry:evidence", args=[entry.pk])
    client.post(url, {"file": SimpleUploadedFile("anh.png", b"<script>alert(1)</script>")})
    assert entry.evidence.count() == 0
    client.post(url, {"file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test")})
    (evidence,) = entry.evidence.all()
    download = client.get(reverse("registry:evidence_file", args=[entry.pk, evidence.pk]))
    assert download.getvalue() == b"%PDF-1.4 test"
    outsider = personas.client(personas.outsider)
    assert (
        outsider.get(reverse("registry:evidence_file", args=[entry.pk, evidence.pk])).status_code
        == 404
    )


def test_statistics_page_and_api_agree(world: World, personas: Personas, entry: Entry) -> None:
    entry_transition(
        actor=None, entry=entry, to=Status.EFFECTIVE, on=dt.date(2024, 6, 1), decision_code="1"
    )
    client = personas.client(personas.province_officer)
    page = client.get(reverse("registry:statistics"), {"within": world.province.pk})
    assert page.context["stats"].rows == [("Kinh tế", {"model:effective": 1}, 1)]
    assert "<svg" in page.content.decode()
    api = client.get("/api/registry/entries/statistics/", {"within": world.province.pk}).json()
    assert api["total"] == 1 and api["by_field"] == {"Kinh tế": {"model:effective": 1}}


def test_the_api_writes_through_the_services(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    created = client.post(
        "/api/registry/entries/",
        {
            "name": "Qua API",
            "kind": "model",
            "unit": world.commune.pk,
            "field": "kinh-te",
            "period": "2021-2025",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["code"].startswith("DVK-")
    refused = client.post(
        f"/api/registry/entries/{entry.pk}/transition/",
        {"to": "effective", "on": "2024-06-01", "decision_code": "1"},
        content_type="application/json",
    )
    assert refused.status_code == 403  # editors do not approve
    outside = client.post(
        "/api/registry/entries/",
        {
            "name": "Ngoài",
            "kind": "model",
            "unit": world.other_province.pk,
            "field": "kinh-te",
            "period": "2021-2025",
        },
        content_type="application/json",
    )
    assert outside.status_code == 400


def test_list_page_queries_do_not_grow_with_rows(
    world: World, personas: Personas, entry: Entry, django_assert_max_num_queries
) -> None:
    client = personas.client(personas.province_officer)
    with django_assert_max_num_queries(25):
        client.get(reverse("registry:list"))


def test_a_replication_names_its_source_by_code_and_the_log_reads_in_vietnamese(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    response = client.post(
        reverse("registry:create"),
        {
            "name": "Mô hình nhân rộng",
            "kind": "model",
            "unit": world.commune.pk,
            "field": Field.objects.get(code="kinh-te").pk,
            "period": MovementPeriod.objects.get(code="2021-2025").pk,
            "start_date": "01/03/2026",
            "copies": entry.code,
        },
    )
    assert response.status_code == 302
    copy = Entry.objects.get(name="Mô hình nhân rộng")
    assert copy.copies == entry
    edit = client.get(reverse("registry:edit", args=[copy.pk])).content.decode()
    assert f'value="{entry.code}"' in edit
    detail = client.get(reverse("registry:detail", args=[copy.pk])).content.decode()
    assert "Ngày bắt đầu" in detail and "01/03/2026" in detail
    assert "<code>start_date</code>" not in detail


def test_the_place_is_a_commune_in_force_not_a_block(world: World, personas: Personas) -> None:
    block = unit_create(
        actor=None,
        code="K-TEST",
        name="Khối dân vận thử",
        level=UnitLevel.objects.get(code="commune"),
        kind=UnitKind.objects.get(code="block"),
        parent=world.commune,
        valid_from=dt.date(2025, 7, 1),
    )
    client = personas.client(personas.province_officer)
    form = client.get(reverse("registry:create")).context["form"]
    places = set(form.fields["commune"].queryset)
    assert world.commune in places and block not in places
    assert all(place.valid_until is None for place in places)


def test_the_api_refuses_a_year_in_force_that_is_no_year(personas: Personas) -> None:
    """Found by the API fuzzer: in_force=0 built dt.date(0, 12, 31), a server error."""
    client = personas.client(personas.province_officer)
    for year in ("0", "99999", "2024.5"):
        response = client.get("/api/registry/entries/", {"in_force": year})
        assert response.status_code == 400, year
    assert client.get("/api/registry/entries/", {"in_force": "2024"}).status_code == 200
