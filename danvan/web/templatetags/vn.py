"""Template filters for Vietnamese numbers and dates: {{ count|vn_number }}, {{ day|vn_date }}."""

import datetime as dt
from decimal import Decimal

from django import template

from danvan.common.dates import format_date
from danvan.common.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value: int | float | Decimal | str | None, decimals: int = 0) -> str:
    """A number the Vietnamese way; a form field's raw value (text, maybe empty) too."""
    if isinstance(value, str):
        try:
            return format_number(Decimal(value) if value.strip() else None, decimals)
        except ArithmeticError:
            return value
    return format_number(value, decimals)


@register.filter
def vn_date(value: dt.date | None) -> str:
    return format_date(value)
