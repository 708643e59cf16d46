"""Small template helpers: {{ form|bound_field:name }}, {{ mapping|lookup:key }}."""

from collections.abc import Mapping
from typing import Any

from django import forms, template

register = template.Library()


@register.filter
def bound_field(form: forms.Form, name: str) -> forms.BoundField:
    """A form's field by a name held in a variable."""
    return form[name]


@register.filter
def lookup(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """A mapping's value by a key held in a variable (None when absent)."""
    return (mapping or {}).get(key)
