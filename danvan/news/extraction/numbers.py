"""Vietnamese numbers: "1.229" (a dot separates thousands), "1,5", "hai", "mười một"."""

import re

# Digits with thousands dots and an optional decimal comma: "13.360", "1,5", "222".
DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

_UNITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mốt": 1,
}
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
# Number words: a run of units, "mười", "mươi", "linh"/"lẻ" and scales ("hai mươi lăm").
WORDS = (
    r"(?:(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười)"
    r"(?:\s+(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|linh|lẻ|trăm|nghìn|ngàn))*)"
)
NUMBER = re.compile(rf"(?<![\w.,])(?:{DIGITS})(?![\w])|\b{WORDS}\b", re.IGNORECASE)


def parse_words(text: str) -> int | None:
    """The value of number words ("mười một" 11, "hai mươi lăm" 25); None if not a number."""
    total = current = last = 0  # last: the unit word just read, which "mươi"/"trăm" multiply
    seen = False
    for word in text.lower().split():
        if word in _UNITS:
            current += _UNITS[word]
            last = _UNITS[word]
        elif word == "mười":
            current += 10
            last = 0
        elif word == "mươi":
            current += last * 9
            last = 0
        elif word == "trăm":
            current += last * 99 if last else 100
            last = 0
        elif word in ("linh", "lẻ"):
            continue
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = last = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> int | float | None:
    """ "1.229" -> 1229, "1,5" -> 1.5, "hai" -> 2; None if the text is not a number."""
    text = text.strip()
    if re.fullmatch(DIGITS, text):
        digits = text.replace(".", "")
        if "," in digits:
            return float(digits.replace(",", "."))
        return int(digits)
    return parse_words(text)
