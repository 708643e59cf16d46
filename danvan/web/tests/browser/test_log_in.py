"""Story 1: an officer signs in through the login form."""

import pytest

pytest.importorskip("playwright", reason="playwright is not installed: the browser suite skipped")

from playwright.sync_api import expect

from danvan.conftest import Personas

pytestmark = pytest.mark.browser


def test_an_officer_logs_in_and_a_wrong_password_is_refused_in_vietnamese(
    browsing, personas: Personas
) -> None:
    page = browsing.page()
    page.goto("/registry/")  # behind the login: the form comes first
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill("commune")
    page.get_by_label("Mật khẩu").fill("not-the-password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".alert-danger")).to_have_text(
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác. "
        "Chú ý rằng cả hai khung thông tin đều phân biệt chữ hoa và chữ thường."
    )
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("commune")

    page = browsing.log_in("commune")
    expect(page.get_by_role("navigation")).to_contain_text(personas.commune_officer.username)
