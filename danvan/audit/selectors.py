from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.models import ChangeLogEntry


def changes_of(*, instance: models.Model) -> QuerySet[ChangeLogEntry]:
    """The change log of one object, newest first.

    Callers have already checked that the user may see `instance`.
    """
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor", "content_type")


def stale_edit_message(record: models.Model) -> str:
    """Why an officer's save was refused (`danvan.common.locking.StaleEdit`): who changed the
    record since they opened it, when and what, and what to do now."""
    change = changes_of(instance=record).first()
    advice = _("Nothing was saved: compare what you typed with the record now and save again.")
    if change is None:
        return _("Someone else changed this record after you opened it.") + " " + advice
    who = change.actor.get_full_name() if change.actor else ""
    message = _("%(who)s changed this record at %(when)s, after you opened it.") % {
        "who": who or change.actor_name,
        "when": timezone.localtime(change.at).strftime("%H:%M %d/%m/%Y"),
    }
    changed = [label for label, _old, _new in change.readable_changes()]
    if changed:
        message += " " + _("Changed: %(fields)s.") % {"fields": ", ".join(changed)}
    return message + " " + advice
