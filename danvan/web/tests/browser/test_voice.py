"""Story 5: a petition filed at the commune, answered, and followed by the citizen without
signing in."""

import pytest

pytest.importorskip("playwright", reason="playwright is not installed: the browser suite skipped")

from playwright.sync_api import expect

from danvan.conftest import Personas, World
from danvan.voice.models import Topic

pytestmark = pytest.mark.browser

ANSWER = "Xã đã vá xong đoạn đường hư hỏng, nghiệm thu ngày 25/11/2026."


def test_a_petition_is_filed_answered_and_followed_on_the_public_page(
    browsing, world: World, personas: Personas
) -> None:
    topic = Topic.objects.get(code="infrastructure")

    officer = browsing.log_in("commune")
    officer.get_by_role("link", name="Tiếng nói nhân dân").click()
    officer.get_by_role("link", name="Tiếp nhận kiến nghị").click()
    officer.locator("#id_source").select_option("form")
    officer.locator("#id_topic").select_option(str(topic.pk))
    officer.locator("#id_commune").select_option(str(world.commune.pk))
    officer.locator("#id_severity").select_option("normal")
    officer.locator("#id_title").fill("Đường liên thôn xuống cấp")
    officer.locator("#id_text").fill("Đề nghị sửa chữa đoạn đường qua thôn Thử.")
    officer.locator("#id_contact_name").fill("Bà Hoàng Thị Riêng")
    officer.get_by_role("button", name="Tiếp nhận và in phiếu").click()
    receipt = officer.get_by_role("heading", name="PHIẾU TIẾP NHẬN KIẾN NGHỊ, PHẢN ÁNH")
    expect(receipt).to_be_visible()
    code = officer.locator("dd code").inner_text()
    assert code.startswith("KN-")

    officer.get_by_role("link", name="Mở kiến nghị").click()
    browsing.confirming(officer, "Xác nhận đã nhận kiến nghị này?")
    officer.get_by_role("button", name="Xác nhận").click()
    expect(officer.get_by_role("alert")).to_contain_text("Đã ghi nhận.")
    browsing.confirming(officer, "Bắt đầu giải quyết kiến nghị này?")
    officer.get_by_role("button", name="Bắt đầu giải quyết").click()
    expect(officer.get_by_role("alert")).to_contain_text("Đã ghi nhận.")
    officer.locator("#id_answer").fill(ANSWER)
    browsing.confirming(officer, "Gửi câu trả lời này?")
    officer.get_by_role("button", name="Trả lời", exact=True).click()
    expect(officer.locator(".badge").first).to_have_text("Đã trả lời")

    citizen = browsing.page()  # nobody signed in
    citizen.goto("/voice/track/")
    citizen.get_by_label("Mã tra cứu").fill(code.lower().replace("-", " "))
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.get_by_role("heading", name=code)).to_be_visible()
    expect(citizen.locator(".badge")).to_have_text("Đã trả lời")
    expect(citizen.get_by_text(ANSWER)).to_be_visible()
    expect(citizen.locator("main")).not_to_contain_text("Hoàng Thị Riêng")
