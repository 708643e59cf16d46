"""Stories 2 and 3: a "Dân vận khéo" model registered, then recognised; models imported from
the registry's Excel template."""

from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="playwright is not installed: the browser suite skipped")

from openpyxl import load_workbook
from playwright.sync_api import expect

from danvan.conftest import Personas, World
from danvan.registry.models import Field, MovementPeriod

pytestmark = pytest.mark.browser

NAME = "Mô hình “Dân vận khéo” thôn Thử"


def test_a_commune_registers_a_model_and_the_province_recognises_it(
    browsing, world: World, personas: Personas
) -> None:
    field = Field.objects.get(code="kinh-te")
    period = MovementPeriod.objects.get(code="2021-2025")

    commune = browsing.log_in("commune")
    commune.get_by_role("link", name="“Dân vận khéo”").click()
    commune.get_by_role("link", name="Đăng ký", exact=True).click()
    expect(commune.get_by_role("heading", name="Đăng ký mô hình, điển hình")).to_be_visible()
    commune.locator("#id_name").fill(NAME)
    commune.locator("#id_kind").select_option("model")
    commune.locator("#id_unit").select_option(str(world.commune.pk))
    commune.locator("#id_commune").select_option(str(world.commune.pk))
    commune.locator("#id_field").select_option(str(field.pk))
    commune.locator("#id_period").select_option(str(period.pk))
    commune.locator("#id_leader").fill("Trần Thị Lan")
    commune.locator("#id_start_date").fill("01/03/2026")
    commune.get_by_role("button", name="Lưu").click()
    expect(commune.get_by_role("heading", name=NAME)).to_be_visible()
    expect(commune.locator(".badge").first).to_have_text("Đăng ký")
    # an editor registers but does not approve
    expect(commune.get_by_role("button", name="Ghi nhận bước này")).to_have_count(0)

    province = browsing.log_in("province")
    province.get_by_role("link", name="“Dân vận khéo”").click()
    province.get_by_role("link", name=NAME).click()
    for status, day, decision in [
        ("Triển khai hiệu quả", "01/06/2026", "12-QĐ/BDVTU"),
        ("Được công nhận", "15/10/2026", "25-QĐ/BDVTU"),
    ]:
        province.locator("#id_to").select_option(label=status)
        province.locator("#id_on").fill(day)
        province.locator("#id_decision_code").fill(decision)
        browsing.confirming(province, "Ghi nhận bước này")
        province.get_by_role("button", name="Ghi nhận bước này").click()
        expect(province.get_by_role("alert")).to_contain_text("Đã chuyển trạng thái.")
        expect(province.locator(".badge").first).to_have_text(status)
    life_cycle = province.locator("section", has_text="Quá trình")
    expect(life_cycle).to_contain_text("15/10/2026 · Được công nhận · quyết định 25-QĐ/BDVTU")

    commune.reload()
    expect(commune.locator(".badge").first).to_have_text("Được công nhận")


def test_models_are_imported_from_the_filled_template(
    browsing, world: World, personas: Personas, tmp_path: Path
) -> None:
    page = browsing.log_in("commune")
    page.get_by_role("link", name="“Dân vận khéo”").click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    with page.expect_download() as started:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
    template = tmp_path / started.value.suggested_filename
    started.value.save_as(template)
    assert template.name == "mau-nhap-mo-hinh-dien-hinh.xlsx"

    book = load_workbook(template)
    sheet = book.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1]}
    for header, value in {
        "Tên mô hình, điển hình": "Mô hình “Tuyến đường nở hoa”",
        "Loại": "Mô hình",
        "Mã đơn vị quản lý": world.commune.code,
        "Mã xã nơi thực hiện": world.commune.code,
        "Lĩnh vực": "Kinh tế",
        "Giai đoạn": "2021-2025",
        "Số liệu kết quả": "1.229",
        "Đơn vị tính": "hộ",
        "Ngày bắt đầu": "02/02/2023",
    }.items():
        sheet.cell(row=2, column=column[header], value=value)
    filled = tmp_path / "danh-sach-mo-hinh.xlsx"
    book.save(filled)

    page.get_by_label("Tệp mẫu đã điền (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Tệp hợp lệ: sẽ tạo mới 1 và cập nhật 0 mô hình, điển hình."
    )
    expect(page.get_by_role("row", name="Mô hình “Tuyến đường nở hoa”")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập: tạo mới 1, cập nhật 0.")
    expect(page.get_by_role("link", name="Mô hình “Tuyến đường nở hoa”")).to_be_visible()
