"""The "Dân vận khéo" movement: models (mô hình) and exemplars (điển hình) with their life cycle."""

import datetime as dt
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.common.locking import Versioned
from danvan.common.models import Record
from danvan.units.models import Unit


class Field(models.Model):
    """A field of work (lĩnh vực): the four standard ones and any sub-fields a province adds."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subfields",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def top(self) -> "Field":
        """The standard field this one belongs to."""
        return self.parent.top if self.parent else self


class MovementPeriod(models.Model):
    """A period of the movement (giai đoạn), e.g. 2021-2025."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        verbose_name = _("movement period")
        verbose_name_plural = _("movement periods")
        ordering = ["start_year"]

    def __str__(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    MODEL = "model", _("Model")
    EXEMPLAR = "exemplar", _("Exemplar")


class ExemplarType(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class Status(models.TextChoices):
    """The life cycle; the rules that move an entry between these live in lifecycle.py."""

    REGISTERED = "registered", _("Registered")
    EFFECTIVE = "effective", _("Effective")
    RECOGNISED = "recognised", _("Recognised")
    OUTSTANDING = "outstanding", _("Outstanding")
    PROPOSED = "proposed", _("Proposed for an award")
    DISCONTINUED = "discontinued", _("Discontinued")


class Entry(Record, Versioned):
    """A model or an exemplar of the "Dân vận khéo" movement (mô hình, điển hình)."""

    change_labels = {"evidence": _("evidence file")}

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    exemplar_type = models.CharField(
        _("collective or individual"),
        max_length=20,
        choices=ExemplarType.choices,
        blank=True,
        help_text=_("For exemplars only."),
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("commune where it happens"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.ForeignKey(Field, verbose_name=_("field"), on_delete=models.PROTECT)
    period = models.ForeignKey(
        MovementPeriod, verbose_name=_("movement period"), on_delete=models.PROTECT
    )
    description = models.TextField(_("description"), blank=True)
    method = models.TextField(_("how it works"), blank=True)
    results = models.TextField(_("results"), blank=True)
    result_figure = models.DecimalField(
        _("result figure"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    result_measure = models.CharField(
        _("measured in"), max_length=60, blank=True, help_text=_("e.g. households, km of road")
    )
    leader = models.CharField(_("who leads it"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    copies = models.ForeignKey(
        "self",
        verbose_name=_("replicates"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
        help_text=_("The model this one copies (nhân rộng)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    status_date = models.DateField(_("status since"))
    search_key = models.CharField(max_length=600, db_index=True, editable=False)

    class Meta:
        verbose_name = _("model or exemplar")
        verbose_name_plural = _("models and exemplars")
        ordering = ["-status_date", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="exemplar") | models.Q(exemplar_type=""),
                name="entry_only_exemplars_have_a_type",
            )
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["start_date"]),
            # the list's order: a page of a large scope reads 50 rows, not all of them sorted
            models.Index(fields=["-status_date", "code"], name="registry_entry_list_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=[self.pk])

    @property
    def discontinued_on(self) -> dt.date | None:
        """When it stopped being in force (the indicators count it until then)."""
        return self.status_date if self.status == Status.DISCONTINUED else None

    def clean(self) -> None:
        """The rules every entry keeps, whichever way it is written (form, import, API)."""
        errors: dict[str, str] = {}
        if self.kind == EntryKind.MODEL:
            self.exemplar_type = ""
        elif self.kind == EntryKind.EXEMPLAR and not self.exemplar_type:
            errors["exemplar_type"] = gettext(
                "Say whether the exemplar is a collective or an individual."
            )
        if self.commune is not None and self.commune.level.code != "commune":
            errors["commune"] = gettext("%(unit)s is not a commune.") % {"unit": self.commune}
        if self.start_date is not None and self.start_date > timezone.localdate():
            errors["start_date"] = gettext("The start date cannot be in the future.")
        if self.copies_id is not None and self.copies_id == self.pk:
            errors["copies"] = gettext("An entry cannot replicate itself.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The only constraint (exemplars alone have a type) is what clean() guarantees;
        # checking it again would cost a query for every row of an import.
        super().validate_constraints(exclude={*(exclude or ()), "exemplar_type"})


class Transition(models.Model):
    """A dated step of an entry's life cycle, with who decided and the decision's code."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    date = models.DateField(_("date"))
    decision_code = models.CharField(_("decision"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("life-cycle step")
        verbose_name_plural = _("life-cycle steps")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.entry} → {self.get_to_status_display()}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"registry/evidence/{instance.entry_id}/{filename}"


class Evidence(models.Model):
    """A file that shows an entry's work and results (size- and type-checked on upload)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
