import contextlib
import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    LINEAGE = "lineage", _("Structure changed")
    IMPORT = "import", _("Imported")
    ROLE = "role", _("Roles changed")


class ChangeLogEntry(models.Model):
    """One write: who, when, which object, what it did, the values before and after, why.

    Written only by services through `danvan.audit.services.record_change`; never edited.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=ChangeAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Change log entries are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Change log entries are never deleted.")

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each value that differs."""
        before, after = self.before or {}, self.after or {}
        return [
            (key, before.get(key), after.get(key))
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]

    def readable_changes(self) -> list[tuple[str, Any, Any]]:
        """`changed_fields` as an officer reads them: the field's name in the interface
        language (or the model's `change_labels` for what is not a field), dates as
        dd/mm/yyyy."""
        model = self.content_type.model_class()
        rows = []
        for key, old, new in self.changed_fields():
            if key == "id":
                continue
            label: Any = getattr(model, "change_labels", {}).get(key, key)
            if model is not None and label == key:
                with contextlib.suppress(FieldDoesNotExist):
                    label = getattr(model._meta.get_field(key), "verbose_name", key)
            rows.append((str(label), _readable(old), _readable(new)))
        return rows


def _readable(value: Any) -> Any:
    """An ISO date of the log (2023-02-03) as dd/mm/yyyy, a moment as local "HH:MM
    dd/mm/yyyy", yes or no in words; anything else as it is."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, str) and len(value) > 10 and value[10:11] == "T":
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%H:%M %d/%m/%Y")
    return value
