"""What every app's forms share."""

from typing import Any

from django import forms
from django.db import models

# Long free text (a description, a petition, conclusions): pages of it, never a book. The
# form refuses more with a Vietnamese message; the database is never the one to say no.
LONG_TEXT_MAX = 10_000
# The largest id a PostgreSQL integer column holds.
MAX_ID = 2**31 - 1


def bounded_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """A model field as a form field, long text limited to LONG_TEXT_MAX characters; the
    `formfield_callback` of every model form's Meta."""
    if isinstance(db_field, models.TextField) and db_field.max_length is None:
        kwargs.setdefault("max_length", LONG_TEXT_MAX)
    return db_field.formfield(**kwargs)


def posted_id(text: str) -> int:
    """An id (or a year) a page sent back: a ticked row, a hidden field, a query parameter; 0,
    which names nothing, for anything else, so "abc", "²" or a 30-digit number is "not found"
    or "not given", never a database error."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return 0
    return int(text)
