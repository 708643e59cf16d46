"""Story 4: an award batch built at a commune, approved at the province, decided at the
centre, and its decision downloaded as Word."""

from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="playwright is not installed: the browser suite skipped")

from docx import Document
from playwright.sync_api import Page, expect

from danvan.awards.models import AwardType
from danvan.awards.tests.conftest import MEDAL, make_person
from danvan.conftest import Personas, World

pytestmark = pytest.mark.browser

TITLE = "Đợt kỷ niệm chương 15/10"


def open_batch(page: Page) -> None:
    """From the awards menu to the batch awaiting this officer's review."""
    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    page.get_by_role("link", name="Đợt đề nghị").click()
    awaiting = page.locator(".alert-warning", has_text="Đợt đang chờ bạn xét duyệt")
    awaiting.get_by_role("link").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()


def test_a_batch_goes_from_the_commune_to_a_decision_at_the_centre(
    browsing, world: World, personas: Personas, tmp_path: Path
) -> None:
    person = make_person(world, name="Nguyễn Văn Hùng", years=22)
    medal = AwardType.objects.get(code=MEDAL)

    commune = browsing.log_in("commune")
    commune.get_by_role("link", name="Khen thưởng", exact=True).click()
    commune.get_by_role("link", name="Đợt đề nghị").click()
    commune.locator("#id_title").fill(TITLE)
    commune.locator("#id_unit").select_option(str(world.commune.pk))
    commune.locator("#id_decider").select_option(str(world.central.pk))
    commune.get_by_role("button", name="Tạo đợt").click()
    expect(commune.get_by_role("alert")).to_contain_text("Đã tạo đợt")
    commune.locator("#id_person").fill(person.code)
    commune.locator("#id_unit").select_option(str(world.commune.pk))
    commune.locator("#id_award_type").select_option(str(medal.pk))
    commune.locator("#id_achievement").fill("22 năm làm công tác dân vận")
    commune.get_by_role("button", name="Thêm", exact=True).click()
    expect(commune.get_by_role("alert")).to_contain_text("Đã thêm đề nghị.")
    expect(commune.get_by_role("link", name="Nguyễn Văn Hùng")).to_be_visible()
    commune.get_by_role("button", name="Gửi lên cấp trên").click()
    expect(commune.get_by_role("alert")).to_contain_text("Đã gửi đợt lên cấp trên.")

    province = browsing.log_in("province")
    open_batch(province)
    province.get_by_role("button", name="Đồng ý mọi đề nghị đang chờ xét").click()
    expect(province.get_by_role("alert")).to_contain_text("Đã đồng ý mọi đề nghị đang chờ xét.")
    province.get_by_role("button", name="Chuyển lên cấp trên").click()
    expect(province.get_by_role("alert")).to_contain_text("Đã chuyển đợt lên cấp trên.")

    centre = browsing.log_in("central")
    open_batch(centre)
    centre.get_by_role("button", name="Đồng ý mọi đề nghị đang chờ xét").click()
    centre.locator("#id_number").fill("77-QĐ/BTGDVTW")
    centre.locator("#id_date").fill("20/11/2026")
    centre.locator("#id_signer_title").fill("Trưởng ban")
    centre.locator("#id_signer_name").fill("Nguyễn Văn B")
    centre.get_by_role("button", name="Ghi quyết định").click()
    expect(centre.get_by_role("alert")).to_contain_text("Đã ghi quyết định và trao khen thưởng.")
    expect(centre.locator(".badge").first).to_have_text("Đã quyết định")
    decided = centre.locator(".alert-success", has_text="Quyết định 77-QĐ/BTGDVTW ngày 20/11/2026")
    expect(decided).to_contain_text("Nguyễn Văn B")

    with centre.expect_download() as started:
        centre.get_by_role("link", name="Quyết định (Word)").click()
    decision = tmp_path / started.value.suggested_filename
    started.value.save_as(decision)
    assert decision.suffix == ".docx"
    word = Document(str(decision))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "QUYẾT ĐỊNH" in text and "77-QĐ/BTGDVTW" in text
    assert word.tables[-1].rows[1].cells[1].text == "Nguyễn Văn Hùng"
