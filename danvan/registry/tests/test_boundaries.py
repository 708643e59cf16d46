"""Cases a review found at the edges: scope through links, odd files, large ids, redirects."""

import io
import zipfile

from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import Personas, World
from danvan.registry import excel
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod
from danvan.registry.services import entries_import, entry_create
from danvan.registry.tests.test_excel import row, upload, workbook


def other_province_entry(world: World) -> Entry:
    return entry_create(
        actor=None,
        name="Mô hình của tỉnh khác",
        kind=EntryKind.MODEL,
        unit=world.other_province,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
    )


def test_the_bulk_form_never_redirects_to_another_site(personas: Personas, entry: Entry) -> None:
    client = personas.client(personas.province_officer)
    response = client.post(
        reverse("registry:bulk_transition"), {"selected": [entry.pk], "next": "//evil.example/x"}
    )
    assert response.status_code == 400 and response.context["back"] == reverse("registry:list")


def test_the_api_answers_a_unit_outside_the_scope_as_a_missing_one(
    world: World, personas: Personas
) -> None:
    client = personas.client(personas.commune_officer)
    base = {"name": "x", "kind": "model", "field": "kinh-te", "period": "2021-2025"}
    outside = client.post(
        "/api/registry/entries/",
        {**base, "unit": world.other_province.pk},
        content_type="application/json",
    )
    missing = client.post(
        "/api/registry/entries/", {**base, "unit": 99_999_999}, content_type="application/json"
    )
    assert outside.status_code == missing.status_code == 400
    assert outside.json()["unit"] == [
        m.replace("99999999", str(world.other_province.pk)) for m in missing.json()["unit"]
    ]


def test_the_api_refuses_villages_and_ended_units_as_the_page_does(
    world: World, personas: Personas
) -> None:
    client = personas.client(personas.province_officer)
    base = {"name": "x", "kind": "model", "field": "kinh-te", "period": "2021-2025"}
    for unit in (world.teams[0], world.legacy_province):
        response = client.post(
            "/api/registry/entries/", {**base, "unit": unit.pk}, content_type="application/json"
        )
        assert response.status_code == 400, unit


def test_an_entry_copied_from_outside_the_scope_is_not_named(
    world: World, personas: Personas, entry: Entry
) -> None:
    source = other_province_entry(world)
    Entry.objects.filter(pk=entry.pk).update(copies=source)
    client = personas.client(personas.commune_officer)
    assert (
        source.name not in client.get(reverse("registry:detail", args=[entry.pk])).content.decode()
    )
    export = load_workbook(io.BytesIO(client.get(reverse("registry:export")).content))
    cells = [cell for line in export.worksheets[0].iter_rows(values_only=True) for cell in line]
    assert source.code not in cells
    assert client.get(f"/api/registry/entries/{entry.pk}/").json()["copies"] is None


def test_a_damaged_sheet_gets_a_message_not_an_error_page(world: World, personas: Personas) -> None:
    good = zipfile.ZipFile(io.BytesIO(workbook([row(world)])))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for item in good.infolist():
            data = good.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)
    response = upload(personas.client(personas.commune_officer), damaged.getvalue())
    assert response.status_code == 400
    assert "bị hỏng" in response.context["file_error"]


def test_codes_keep_every_digit_past_a_million(
    world: World, personas: Personas, entry: Entry
) -> None:
    entry.pk, entry.code = 1_000_000, "BIG"
    entry.save(force_insert=True)
    with connection.cursor() as cursor:  # PostgreSQL's sequence does not follow an explicit id
        for sql in connection.ops.sequence_reset_sql(no_style(), [Entry]):
            cursor.execute(sql)
    parsed = excel.parse_rows(
        user=personas.commune_officer,
        rows=excel.read_workbook(workbook([row(world, name="A"), row(world, name="B")])),
    )
    entries_import(actor=personas.commune_officer, rows=parsed.rows)
    assert set(Entry.objects.filter(pk__gt=1_000_000).values_list("code", flat=True)) == {
        "DVK-1000001",
        "DVK-1000002",
    }


def test_a_start_date_in_the_future_is_refused(world: World, personas: Personas) -> None:
    parsed = excel.parse_rows(
        user=personas.commune_officer,
        rows=excel.read_workbook(workbook([row(world, start_date="01/01/2099")])),
    )
    assert parsed.errors and parsed.errors[0].startswith("Dòng 2, cột Ngày bắt đầu:")
