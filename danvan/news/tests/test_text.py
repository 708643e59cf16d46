import datetime as dt

import pytest

from danvan.news.extraction.dates import find_dates, resolve_year
from danvan.news.extraction.normalize import fold, normalize
from danvan.news.extraction.numbers import parse_number
from danvan.news.extraction.page import read_page


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("hoà bình", "hòa bình"),
        ("Thuý", "Thúy"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
        ("toạ đàm", "tọa đàm"),
        ("khoẻ", "khỏe"),
        ("quý", "quý"),  # "qu" keeps its mark on the "y"
        ("hoàng", "hoàng"),  # closed syllable: both conventions agree
        ("\u00d0ảng", "Đảng"),  # eth typed for Đ
    ],
)
def test_normalize_reads_one_convention(written, read):
    assert normalize(written) == read


def test_normalize_composes_nfd_text():
    assert normalize("Tie\u0302\u0301ng Vie\u0323\u0302t") == "Tiếng Việt"
    assert fold("Ðồng chí  Hoà") == fold("Đồng chí hòa") == "dong chi hoa"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.229", 1229), ("13.360", 13360), ("222", 222), ("1,5", 1.5), ("hai", 2),
     ("mười một", 11), ("hai mươi lăm", 25), ("một trăm linh năm", 105), ("ba nghìn", 3000)],
)  # fmt: skip
def test_numbers(text, value):
    assert parse_number(text) == value


def test_dates_without_a_year_take_the_stamp_or_the_fallback():
    (mention,) = find_dates("Chiều 13/10, hội nghị")
    assert (mention.day, mention.month, mention.year) == (13, 10, None)
    assert resolve_year(mention, stamp=dt.date(2023, 10, 14), fallback=None) == 2023
    # reported early in January: the day was in the past year
    assert resolve_year(mention, stamp=dt.date(2024, 1, 3), fallback=None) == 2023
    assert resolve_year(mention, stamp=None, fallback=2021) == 2021


def test_dates_forms_and_ranges():
    text = "Ngày 02/02/2023 và ngày 7 tháng 10 năm 2020, kỷ niệm (15/10/1930 - 15/10/2023)"
    found = [(d.day, d.month, d.year) for d in find_dates(text)]
    assert found == [(2, 2, 2023), (7, 10, 2020)]
    assert [(d.day, d.month) for d in find_dates("Chiều 14-10, có 2-3 người")] == [(14, 10)]


def test_page_drops_clutter_widget_and_captions():
    page = read_page(
        normalize(
            "Thứ Tư, 29/5/2024\nTiêu đề của bài\nThứ Bảy 04/02/2023 13:10\nXem với cỡ chữ\n"
            "Ngày 2/2, Ban Dân vận Tỉnh ủy tổ chức hội nghị triển khai nhiệm vụ năm 2023 "
            "với nhiều đại biểu của các sở, ban, ngành tham dự đông đủ.\n"
            "Ban Dân vận Tỉnh ủy tổ chức hội nghị triển khai nhiệm vụ\n"
            "Các đại biểu dự hội nghị. |\nNội dung chính của bài viết.\nNguyễn Văn Bình\n"
            "Ý kiến bạn đọc\nMột bài khác."
        )
    )
    assert page.title == "Tiêu đề của bài"
    assert page.published == dt.date(2023, 2, 4)  # not the "today" widget above the title
    assert len(page.paragraphs) == 2
    assert page.tail == ["Nguyễn Văn Bình"]
