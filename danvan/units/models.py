"""Units of the political system, their levels and kinds, and how they change over time.

A unit row never changes its place in the tree: its `parent` and `path` are fixed when it is
created. A structural change (merge, split, rename, re-type, transfer, abolish) ends the old
rows and creates new ones from the effective date, and a lineage event links them. So the tree
as of any date is simply the rows valid on that date, and "a unit and everything below it" is
one indexed prefix filter on `path`.

`current_path` says where a unit's records count in today's structure: its own path while it
is valid, its default successor's `current_path` once it has ended. Prefix filters on it give
"everything below this unit today, including the units merged into it".
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PATH_SEGMENT_WIDTH = 10  # nine digits and a dot per level


def path_segment(pk: int) -> str:
    return f"{pk:09d}."


def path_ids(path: str) -> list[int]:
    """The ids a path names, top first ("000000001.000000029." -> [1, 29])."""
    return [int(segment) for segment in path.split(".")[:-1]]


class UnitLevel(models.Model):
    """A tier of the hierarchy (central, province, district, commune, village): data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 is the top."))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit level")
        verbose_name_plural = _("unit levels")
        ordering = ["rank", "code"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.Model):
    """What a unit is (Party committee, commission, block, village team, ...): data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> "UnitQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def current(self) -> "UnitQuerySet":
        return self.filter(valid_until__isnull=True)


class Unit(models.Model):
    """A unit (đơn vị): a Party committee, a commission, a block, a village team, ..."""

    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    level = models.ForeignKey(UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    kind = models.ForeignKey(UnitKind, verbose_name=_("kind"), on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    current_path = models.CharField(
        _("path in today's structure"), max_length=255, db_index=True, editable=False
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("default successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where this unit's records count once it has ended."),
    )
    search_key = models.CharField(max_length=300, db_index=True, editable=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=40, blank=True)
    source_key = models.CharField(_("source key"), max_length=120, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_until__isnull=True),
                name="unit_code_unique_while_valid",
                violation_error_message=_("Another unit in force already has this code."),
            ),
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~Q(source_key=""),
                name="unit_source_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="unit_valid_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_until"])]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids of the units above this one, top first (read from the path, no query)."""
        return path_ids(self.path)[:-1]


class LineageKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    RETYPE = "retype", _("Re-type")
    TRANSFER = "transfer", _("Transfer")
    ABOLISH = "abolish", _("Abolish")


class LineageEvent(models.Model):
    """A dated change of structure that ends some units and links them to their successors."""

    kind = models.CharField(_("kind"), max_length=20, choices=LineageKind.choices)
    effective_date = models.DateField(_("effective date"), db_index=True)
    decision = models.CharField(_("decision"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=40, blank=True)
    source_key = models.CharField(_("source key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")
        ordering = ["-effective_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"],
                condition=~Q(source_key=""),
                name="lineage_event_source_key_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


class LineageLink(models.Model):
    """An old unit and one of its successors in a lineage event."""

    event = models.ForeignKey(
        LineageEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="links"
    )
    predecessor = models.ForeignKey(
        Unit, verbose_name=_("predecessor"), on_delete=models.PROTECT, related_name="+"
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the unit was abolished."),
    )
    is_default = models.BooleanField(
        _("default successor"),
        default=True,
        help_text=_("Records without a finer location roll up to the default successor."),
    )

    class Meta:
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="lineage_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor or '∅'}"
