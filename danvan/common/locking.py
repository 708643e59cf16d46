"""Optimistic locking: an officer's save is refused when the record changed since they opened
it, so that two officers editing the same record cannot silently undo each other's work.

A record that officers edit carries a `version` (the `Versioned` model). The form (a hidden
field, `VersionedForm`) and the API (a body field, `VersionedSerializer`) send back the version
they were loaded with; the update service calls `lock_for_edit`, which locks the row, refuses
with `StaleEdit` when the version moved on, and counts one more version. Every other write of
the record (a life-cycle step, an import) goes through `lock_for_edit` too, without a version,
so that open forms see it.
"""

from typing import Any, Generic, TypeVar

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy
from rest_framework import serializers


class Versioned(models.Model):
    version = models.PositiveIntegerField(gettext_lazy("version"), default=0, editable=False)

    class Meta:
        abstract = True


V = TypeVar("V", bound=Versioned)


class StaleEdit(Exception, Generic[V]):
    """The record changed after the officer loaded it; nothing was written. The change log
    says who changed it and what (`danvan.audit.selectors.stale_edit_message`)."""

    def __init__(self, current: V) -> None:
        self.current = current
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")


def lock_for_edit(instance: V, *, version: int | None = None) -> V:
    """The record as it is now, locked until the transaction ends, its version counted one up
    (the caller saves it). `version` is the one the officer loaded: if the record has moved on
    since, `StaleEdit`. Writes that nobody loaded first (an import, a step) give no version."""
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if version is not None and current.version != version:
        raise StaleEdit(current)
    current.version += 1
    return current


class VersionedForm(forms.Form):
    """Carries the version of the record the form was loaded with: mixed into a ModelForm, its
    instance's; in another form, the `initial` one the view gives."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if isinstance(instance, Versioned) and instance.pk is not None:
            self.initial.setdefault("version", instance.version)
        elif instance is not None:
            del self.fields["version"]  # a new record has nothing to compare with


class VersionedSerializer(serializers.ModelSerializer):
    """Shows the record's version; a change that sends it back is refused with HTTP 409 when
    the record changed since it was read."""

    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=(
            "The version you read. Send it with a change: if the record has changed since, "
            "nothing is written and the answer is 409 Conflict. Without it, the change is "
            "written whatever happened in between."
        ),
    )
