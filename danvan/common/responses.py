"""How every page answers a refused form: 400, with the form and its Vietnamese errors, so a
browser, an API client and a test all see that nothing was written, and why."""

from typing import Any

from django.forms import BaseForm, BaseFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _has_errors(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_errors(item) for item in value.values())
    return isinstance(value, BaseForm | BaseFormSet) and value.is_bound and bool(value.errors)


def render_form(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    refused: bool = False,
    status: int | None = None,
) -> HttpResponse:
    """Render a page holding forms: 400 when a posted form (or the service behind it) refused
    the input, 200 otherwise; a `status` the view decided itself (409 after a stale edit)
    comes first."""
    if status is None:
        posted = request.method == "POST"
        refused = refused or (posted and any(_has_errors(value) for value in context.values()))
        status = 400 if refused else 200
    return render(request, template, context, status=status)


def refused(request: HttpRequest, *, back: str) -> HttpResponse:
    """A step posted from another page (a status change, an attachment) and refused: the
    reasons already queued as error messages, on a page of their own with a way back, as 400."""
    return render(request, "web/refused.html", {"back": back}, status=400)
