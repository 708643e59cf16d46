"""The annual report of the demo province for 2022 says seed-001's figures, and every file
format carries them: the command and the page write the same report."""

import io
import zipfile
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from danvan.conftest import Personas, World
from danvan.reports.annual import annual_report, over
from danvan.reports.documents import render
from danvan.units.selectors import unit_by_code

# seed-001, Hà Tĩnh, 2022 (numbers printed the Vietnamese way)
SEED_001 = [
    "1.229",
    "235",
    "1.347",
    "291",
    "13.360",
    "919",
    "179",
    "545",
    "222",
    "hơn 6.800",
    "hơn 500",
]


def test_over_rounds_down_the_way_reports_do() -> None:
    with translation.override("vi"):
        assert over(6842) == "hơn 6.800"
        assert over(507) == "hơn 500"
        assert over(185) == "hơn 180"  # not "hơn 100"
        assert over(13360) == "hơn 13.000"
        assert over(6800) == "6.800"
        assert over(95) == "95"


@pytest.mark.django_db
def test_the_demo_province_reports_seed_001_in_every_format(tmp_path, settings) -> None:
    settings.LANGUAGE_CODE = "vi"
    call_command("demo", "--no-serve", stdout=io.StringIO())
    province = unit_by_code(code="42")
    assert province is not None
    report = annual_report(province, 2022)
    assert report.committee == "TỈNH ỦY HÀ TĨNH"
    assert report.commission == "BAN DÂN VẬN"  # as it was named in 2022
    assert annual_report(province, 2025).commission == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert 0 < report.value("tasks-done") <= report.value("tasks")
    rows = report.unit_rows  # the appendix: what the province did itself, then each commune
    assert rows[0][0] == "Trực tiếp tại cấp này"
    assert sum(values["conferences"] for _name, values in rows) == 291
    assert report.value("dvk-entries") == 1229
    assert report.value("conferences") == 291 and report.value("conference-persons") == 13360
    assert report.value("documents-lead") == 919
    assert (report.value("inspections"), report.value("inspected")) == (179, 545)
    assert report.value("sector-trainings") == 222
    assert report.value("merit-collectives") == 11
    narrative = " ".join(p for section in report.sections for p in section.paragraphs)
    for figure in SEED_001:
        assert figure in narrative, figure
    assert "11 tập thể" in narrative

    text = render(report, "txt").decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "13.360" in text
    assert "Số      -BC/BDVTU" in text and "Hà Tĩnh, ngày 15 tháng 12 năm 2022" in text

    word = render(report, "docx")
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert "TỈNH ỦY HÀ TĨNH" in body and "ĐẢNG CỘNG SẢN VIỆT NAM" in body
    assert "13.360" in body and "Times New Roman" in styles

    sheet = load_workbook(io.BytesIO(render(report, "xlsx"))).active
    assert sheet is not None
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert 13360 in cells and 291 in cells
    assert any(isinstance(v, str) and v.startswith("Xã ") for v in cells)  # by commune

    pdf = render(report, "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000

    out = tmp_path / "bao-cao.docx"
    stdout = io.StringIO()
    call_command(
        "report", "annual", "--unit", "42", "--year", "2022", "--format", "docx",
        "--output", str(out), stdout=stdout,
    )  # fmt: skip
    assert out.read_bytes()[:2] == b"PK" and "Tỉnh Hà Tĩnh" in stdout.getvalue()
    with pytest.raises(CommandError):
        call_command("report", "annual", "--unit", "nope", "--year", "2022", "--output", str(out))


def test_the_page_downloads_each_format_in_scope(world: World, personas: Personas) -> None:
    url = reverse("reports:annual")
    client = personas.client(personas.province_officer)
    page = client.get(url, {"unit": world.province.pk, "year": 2025})
    assert page.status_code == 200
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page.content.decode()
    for file_format, start in [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("txt", b"")]:
        query: dict[str, Any] = {"unit": world.province.pk, "year": 2025, "format": file_format}
        response = client.get(url, query)
        assert response.status_code == 200, file_format
        assert response.content.startswith(start)
        assert response["Content-Disposition"].endswith(f'.{file_format}"')
    outsider = personas.client(personas.outsider)
    assert outsider.get(url, {"unit": world.province.pk, "year": 2025}).status_code == 404
    assert client.get(url, {"unit": world.province.pk, "year": 1999}).status_code == 404


def test_a_commune_report_is_issued_by_its_party_committee(world: World) -> None:
    with translation.override("vi"):
        report = annual_report(world.commune, 2025)
        text = render(report, "txt").decode()
    assert report.committee == "ĐẢNG BỘ TỈNH HÀ TĨNH"
    assert report.commission == f"ĐẢNG ỦY {world.commune.name.upper()}"
    assert "-BC/ĐU" in text and "Nơi nhận:" in text
    assert "T/M ĐẢNG ỦY\nBÍ THƯ" in text and "TRƯỞNG BAN" not in text
