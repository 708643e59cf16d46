"""Excel in and out: the template, a good file, and every way a file can be wrong."""

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.audit.selectors import changes_of
from danvan.conftest import Personas, World
from danvan.registry import excel
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod
from danvan.registry.services import entry_create
from danvan.units.models import Unit

HEADERS = [column.header for column in excel.COLUMNS]


def workbook(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def row(world: World, **overrides: object) -> list[object]:
    values: dict[str, object] = {
        "code": "",
        "name": "Mô hình “Đường hoa” thôn Thử",
        "kind": "Mô hình",
        "exemplar_type": "",
        "unit": world.commune.code,
        "commune": world.commune.code,
        "field": "Kinh tế",
        "period": "2021-2025",
        "description": "",
        "method": "",
        "results": "",
        "result_figure": "1.229",
        "result_measure": "hộ",
        "leader": "Trần Thị Lan",
        "start_date": "02/02/2023",
        "copies": "",
    } | overrides
    return [values[column.name] for column in excel.COLUMNS]


def upload(client, content: bytes, name: str = "danh-sach.xlsx"):
    return client.post(reverse("registry:import"), {"file": SimpleUploadedFile(name, content)})


def test_the_template_has_vietnamese_headers_and_drop_down_lists(world: World) -> None:
    book = load_workbook(io.BytesIO(excel.template_workbook()))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    lists = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert {"C2", "D2", "G2", "H2"} <= lists  # kind, collective/individual, field, period
    assert "Kinh tế" in [cell.value for cell in book["Danh mục"]["C"]]


def test_a_good_file_is_previewed_then_written_on_confirmation(
    world: World, personas: Personas
) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(
        client,
        workbook(
            [
                row(world),
                row(world, name="Điển hình thử", kind="Điển hình", exemplar_type="Tập thể"),
            ]
        ),
    )
    result = response.context["result"]
    assert result.errors == [] and result.to_create == 2
    assert Entry.objects.count() == 0  # nothing before confirmation
    client.post(reverse("registry:import_confirm"), {"token": response.context["token"]})
    by_kind = {e.kind: e for e in Entry.objects.all()}
    assert by_kind["model"].name == "Mô hình “Đường hoa” thôn Thử"
    assert by_kind["model"].result_figure == 1229
    assert by_kind["model"].start_date == dt.date(2023, 2, 2)
    assert by_kind["exemplar"].exemplar_type == "collective"


def test_a_row_with_an_existing_code_updates_it(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(client, workbook([row(world, code=entry.code, name="Tên mới")]))
    assert response.context["result"].to_update == 1
    client.post(reverse("registry:import_confirm"), {"token": response.context["token"]})
    entry.refresh_from_db()
    assert entry.name == "Tên mới" and Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"field": "Nông nghiệp"}, "Dòng 2, cột Lĩnh vực: “Nông nghiệp” không có trong danh sách."),
        ({"kind": "Phong trào"}, "Dòng 2, cột Loại:"),
        ({"unit": "KHONG-CO"}, "Dòng 2, cột Mã đơn vị quản lý: không có đơn vị nào bạn được dùng"),
        ({"period": "1990-1995"}, "Dòng 2, cột Giai đoạn:"),
        ({"start_date": "31/02/2023"}, "Dòng 2, cột Ngày bắt đầu:"),
        ({"result_figure": "nhiều"}, "Dòng 2, cột Số liệu kết quả:"),
        ({"name": ""}, "Dòng 2, cột Tên mô hình, điển hình:"),
        ({"code": "DVK-999999"}, "Dòng 2, cột Mã:"),
        ({"kind": "Điển hình"}, "Dòng 2, cột Tập thể/cá nhân:"),
    ],
)
def test_each_bad_value_is_named_by_row_and_column_and_nothing_is_written(
    world: World, personas: Personas, overrides: dict[str, object], message: str
) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(client, workbook([row(world), row(world, **overrides)]))
    errors = response.context["result"].errors
    assert any(error.startswith(message.replace("Dòng 2", "Dòng 3")) for error in errors), errors
    assert "token" not in response.context
    assert Entry.objects.count() == 0


def test_a_unit_outside_the_scope_is_refused(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(client, workbook([row(world, unit=world.other_commune.code)]))
    assert response.context["result"].errors
    assert Entry.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (workbook([], headers=["Tên", "Loại"]), "x.xlsx", "Thiếu các cột"),
        (workbook([]), "x.xlsx", "không có dòng nào"),
        (b"", "x.xlsx", "rỗng"),
        (b"%PDF-1.4 not a spreadsheet", "x.xlsx", "không phải tệp Excel"),
        (b"PK\x03\x04broken zip", "x.xlsx", "không phải tệp Excel"),
    ],
)
def test_broken_files_get_a_clear_message(
    world: World, personas: Personas, content: bytes, name: str, message: str
) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(client, content, name)
    assert response.status_code == 400
    text = response.context.get("file_error") or str(response.context["form"].errors)
    assert message.lower() in text.lower(), text
    assert Entry.objects.count() == 0


def test_a_50_mb_file_is_refused_without_reading_it(world: World, personas: Personas) -> None:
    client = personas.client(personas.commune_officer)
    response = upload(client, b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    assert "20 MB" in response.context["file_error"]
    assert Entry.objects.count() == 0


def test_a_file_saved_by_libreoffice_imports(
    world: World, personas: Personas, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: cannot save a file with it")
    source = tmp_path / "excel.xlsx"
    source.write_bytes(workbook([row(world)]))
    # Through .ods and back, as an officer who edits in LibreOffice Calc would.
    for target in ("ods", "xlsx"):
        out = tmp_path / target
        subprocess.run(
            [soffice, "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        source = next(out.iterdir())
    client = personas.client(personas.commune_officer)
    response = upload(client, source.read_bytes())
    assert response.context["result"].errors == []
    assert response.context["result"].to_create == 1


def test_export_holds_the_filtered_list_and_imports_back(
    world: World, personas: Personas, entry: Entry
) -> None:
    client = personas.client(personas.commune_officer)
    response = client.get(reverse("registry:export"), {"kind": "model"})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == tuple(HEADERS)
    assert [r[0] for r in rows[1:]] == [entry.code]
    again = upload(client, response.content)
    assert again.context["result"].errors == [] and again.context["result"].to_update == 1
    assert client.get(reverse("registry:export"), {"kind": "exemplar"}).status_code == 200


def test_an_entry_of_an_ended_commune_imports_back_unchanged(
    world: World, personas: Personas
) -> None:
    """Old communes' codes may be reused by new ones: an unchanged code keeps the same unit."""
    old = (
        Unit.objects.filter(path__startswith=world.legacy_province.path, level__code="commune")
        .exclude(valid_until=None)
        .filter(code__in=Unit.objects.current().values("code"))
        .first()
    )
    assert old is not None  # an old commune whose code a new unit now carries
    entry = entry_create(
        actor=None,
        name="Mô hình của xã cũ",
        kind=EntryKind.MODEL,
        unit=old,
        commune=old,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
        start_date=dt.date(2022, 3, 1),
        result_figure=112,
    )
    client = personas.client(personas.province_officer)
    exported = client.get(reverse("registry:export"), {"q": "xa cu"}).content
    preview = upload(client, exported)
    assert preview.context["result"].errors == [] and preview.context["result"].to_update == 1
    client.post(reverse("registry:import_confirm"), {"token": preview.context["token"]})
    entry.refresh_from_db()
    assert (entry.unit, entry.commune) == (old, old)
    assert changes_of(instance=entry).count() == 1  # nothing changed: nothing logged


def test_an_empty_file_is_named_as_such(world: World, personas: Personas) -> None:
    response = upload(personas.client(personas.commune_officer), b"", "trong.xlsx")
    assert "alert-danger" in response.content.decode()
    assert not Entry.objects.exists()
