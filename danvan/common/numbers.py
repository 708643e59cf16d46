"""Numbers the Vietnamese way: "." between thousands, "," before decimals ("1.229", "1,5")."""

from decimal import Decimal


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """1229 -> "1.229"; 1.5 -> "1,5" (with decimals=1)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def parse_number(text: str) -> Decimal | None:
    """A number as written in Vietnamese: "1.229" -> 1229, "1,5" -> 1.5, "2.5" -> 2.5 (a
    point followed by other than three digits is a decimal point); None if it is not one."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if (
        "," in cleaned
        or cleaned.count(".") > 1
        or ("." in cleaned and len(cleaned.rsplit(".", 1)[1]) == 3)
    ):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None
