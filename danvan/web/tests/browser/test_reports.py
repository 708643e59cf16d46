"""Story 6: the province's annual report, read on the page and downloaded as Word."""

from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="playwright is not installed: the browser suite skipped")

from docx import Document
from playwright.sync_api import expect

from danvan.conftest import Personas, World

pytestmark = pytest.mark.browser

TITLE = "Kết quả công tác dân vận năm 2025, phương hướng, nhiệm vụ năm 2026"


def test_the_province_generates_its_annual_report_and_downloads_it_as_word(
    browsing, world: World, personas: Personas, tmp_path: Path
) -> None:
    page = browsing.log_in("province")
    page.get_by_role("link", name="Số liệu và báo cáo").click()
    page.get_by_role("link", name="Báo cáo năm").click()
    page.get_by_label("Năm").select_option("2025")
    page.get_by_role("button", name="Xem", exact=True).click()
    heading = page.get_by_role("heading", name=f"Báo cáo năm 2025 · {world.province.name}")
    expect(heading).to_be_visible()
    report = page.locator("article")
    expect(report).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")
    expect(report).to_contain_text(TITLE)
    structure = report.get_by_text("Năm 2025, toàn tỉnh có")
    expect(structure).to_be_visible()

    with page.expect_download() as started:
        page.get_by_role("link", name="Tải về Word").click()
    word = tmp_path / started.value.suggested_filename
    started.value.save_as(word)
    assert word.name.startswith("bao-cao-cong-tac-dan-van-2025-") and word.suffix == ".docx"
    paragraphs = [paragraph.text for paragraph in Document(str(word)).paragraphs]
    assert TITLE in paragraphs
    assert structure.inner_text() in paragraphs  # the file says what the page says
