"""Pages every capability shares."""

from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from danvan.audit.selectors import stale_edit_message
from danvan.common.locking import StaleEdit


def edit_refused(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    form: forms.Form,
    error: StaleEdit[Any],
) -> HttpResponse:
    """The page again after `StaleEdit` (see `show_again`); HTTP 409 Conflict."""
    show_again(form, error)
    return render(request, template, context, status=409)


def show_again(form: forms.Form, error: StaleEdit[Any]) -> None:
    """Make the refused form ready to be shown again: what the officer typed, the reason it
    was refused, and the current version, so that saving again, once compared, goes through."""
    instance = getattr(form, "instance", None)
    if isinstance(instance, models.Model):
        instance.refresh_from_db()  # validating the form put the officer's values into it
    data = QueryDict(mutable=True)
    data.update(form.data)  # every value of every field, as typed
    data[form.add_prefix("version")] = str(error.current.version)
    form.data = data
    form.add_error(None, stale_edit_message(error.current))
