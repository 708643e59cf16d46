"""What every record repeats: whether it is sample data, when it was made and last changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Record(models.Model):
    """The columns every kept record has (an activity, a model or exemplar, a petition, …)."""

    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
