from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from danvan.audit.models import ChangeLogEntry


def changes_of(*, instance: models.Model) -> QuerySet[ChangeLogEntry]:
    """The change log of one object, newest first.

    Callers have already checked that the user may see `instance`.
    """
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).select_related("actor", "content_type")
