"""Dates the Vietnamese way: dd/mm/yyyy."""

import datetime as dt


def format_date(value: dt.date | None) -> str:
    """A date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text: str) -> dt.date:
    """dd/mm/yyyy (or ISO yyyy-mm-dd) to a date; ValueError otherwise."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(f"not a date (dd/mm/yyyy): {text!r}")
