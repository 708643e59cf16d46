"""The pages as an officer uses them: Vietnamese, local assets, search without diacritics."""

import re

from django.urls import reverse

from danvan.conftest import Personas, World


def test_home_shows_the_users_units_and_what_they_cover(world: World, personas: Personas) -> None:
    html = personas.client(personas.province_officer).get(reverse("web:home")).content.decode()
    assert "Tỉnh Hà Tĩnh" in html and "Phê duyệt" in html
    assert "Cấp ủy" in html  # the communes below, counted by kind


def test_pages_are_in_vietnamese_and_english_on_request(world: World, personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    assert "Tìm kiếm" in client.get(reverse("organisation:browse")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Name or code" in client.get(reverse("organisation:browse")).content.decode()


def test_every_asset_is_served_by_the_project(world: World, personas: Personas) -> None:
    client = personas.client(personas.central_admin)
    for url in (reverse("web:home"), reverse("organisation:browse"), "/api/docs/"):
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], (url, external)
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert client.get(asset).status_code == 200, asset


def test_search_ignores_diacritics(world: World, personas: Personas) -> None:
    client = personas.client(personas.central_admin)
    html = client.get(reverse("organisation:browse"), {"q": "quang ngai"}).content.decode()
    assert "Tỉnh Quảng Ngãi" in html
    html = client.get(reverse("organisation:browse"), {"q": "to dan van thon thu"}).content.decode()
    assert "Tổ dân vận thôn Thử 1" in html


def test_the_tree_and_dates_follow_the_date_asked_for(world: World, personas: Personas) -> None:
    client = personas.client(personas.central_admin)
    html = client.get(reverse("organisation:browse"), {"on": "30/06/2025"}).content.decode()
    assert "30/06/2025" in html
    page = client.get(
        reverse("organisation:detail", args=[world.legacy_province.pk])
    ).content.decode()
    assert "Đơn vị này đã kết thúc ngày 30/06/2025" in page
    assert "Tỉnh Hà Tĩnh" in page and "Chuyển trực thuộc" in page  # its successor and the event


def test_the_unit_page_lists_children_with_counts(world: World, personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    html = client.get(reverse("organisation:detail", args=[world.commune.pk])).content.decode()
    for team in world.teams:
        assert team.name in html
    assert "Đơn vị trực thuộc" in html


def test_unit_pages_do_not_grow_queries_with_children(
    world: World, personas: Personas, django_assert_max_num_queries
) -> None:
    client = personas.client(personas.central_admin)
    with django_assert_max_num_queries(20):
        client.get(reverse("organisation:detail", args=[world.province.pk]))


def test_vietnamese_is_the_default_whatever_the_browser_says(personas: Personas) -> None:
    client = personas.client(personas.province_officer)
    html = client.get(
        reverse("organisation:browse"), HTTP_ACCEPT_LANGUAGE="en-US,en"
    ).content.decode()
    assert "Tìm kiếm" in html and '<html lang="vi">' in html


def test_search_matches_word_beginnings_not_the_middle_of_words(personas: Personas) -> None:
    client = personas.client(personas.central_admin)
    page = client.get(reverse("organisation:browse"), {"q": "ha tinh", "level": "province"})
    names = [unit.name for unit in page.context["page"]]
    assert names == ["Tỉnh Hà Tĩnh"]  # not "Tỉnh Lai Châu", whose "chau" holds "ha"
