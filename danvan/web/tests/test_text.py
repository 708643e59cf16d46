import datetime as dt
import unicodedata

import pytest

from danvan.common.dates import format_date, parse_date
from danvan.common.numbers import format_number
from danvan.common.text import fold, normalize


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Quảng Ngãi", "quang ngai"),
        ("Dân vận khéo", "dan van kheo"),
        ("ÐẢNG CỘNG SẢN", "dang cong san"),  # eth typed for Đ
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        ("Ủy  ban\u00a0nhân dân", "uy ban nhan dan"),
        (unicodedata.normalize("NFD", "Hà Tĩnh"), "ha tinh"),
    ],
)
def test_fold_gives_one_key_for_every_spelling(text: str, key: str) -> None:
    assert fold(text) == key


def test_normalize_stores_nfc_and_reads_eth_as_d_with_stroke() -> None:
    assert normalize(unicodedata.normalize("NFD", " Ðà Nẵng ")) == "Đà Nẵng"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1229, 0, "1.229"),
        (13360, 0, "13.360"),
        (1.5, 1, "1,5"),
        (1234567.25, 2, "1.234.567,25"),
        (0, 0, "0"),
        (None, 0, ""),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, decimals, text) -> None:
    assert format_number(value, decimals) == text


def test_dates_read_and_write_as_dd_mm_yyyy() -> None:
    assert parse_date("02/02/2023") == dt.date(2023, 2, 2)
    assert parse_date("2023-02-02") == dt.date(2023, 2, 2)
    assert format_date(dt.date(2025, 7, 1)) == "01/07/2025"
    with pytest.raises(ValueError):
        parse_date("31/02/2023")
