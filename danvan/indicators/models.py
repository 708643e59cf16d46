"""Indicators (chỉ tiêu), their figures kept rolled up the hierarchy, and periodic reports.

An indicator is data: what it counts (records of a kind matching a filter, or totals entered
by units), its unit of measure and how it adds up over time. Every write to a counted record
or an entered total updates `Cell` rows in the same transaction, for the record's own unit and
every unit above it, in the structure of the day (`path`) and in today's (`current_path`): so
any figure for any unit and period is a read of a few rows, never stale.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.common.locking import Versioned
from danvan.indicators.periods import Grain, Period
from danvan.units.models import Unit


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum over the period")
    BALANCE = "balance", _("In force during the period")
    LATEST = "latest", _("Latest value reported")
    MAX = "max", _("Largest value in the period")


class Indicator(models.Model):
    """An indicator (chỉ tiêu) that reports count."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("unit of measure"), max_length=40)
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    record_type = models.CharField(
        _("counted from"),
        max_length=60,
        blank=True,
        help_text=_("app_label.model of the records counted (e.g. activities.conference)."),
    )
    record_filter = models.JSONField(
        _("records counted"),
        default=dict,
        blank=True,
        help_text=_('Field values a record must have, e.g. {"kind__in": ["training"]}.'),
    )
    record_value = models.CharField(
        _("value of a record"),
        max_length=60,
        blank=True,
        help_text=_("A numeric field to add up; empty counts one per record."),
    )
    record_date = models.CharField(_("date field"), max_length=60, default="date")
    record_until = models.CharField(
        _("end date field"),
        max_length=60,
        blank=True,
        help_text=_("For records in force over time: the date they stop counting."),
    )
    enterable = models.BooleanField(
        _("entered by units"),
        default=True,
        help_text=_("Units that only report totals may enter it in their periodic report."),
    )
    is_key = models.BooleanField(_("key figure"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class IndicatorRule(models.Model):
    """A check on a periodic report: one figure may not be smaller than another."""

    larger = models.ForeignKey(
        Indicator, verbose_name=_("larger"), on_delete=models.CASCADE, related_name="+"
    )
    smaller = models.ForeignKey(
        Indicator, verbose_name=_("smaller"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("report check")
        verbose_name_plural = _("report checks")
        constraints = [
            models.UniqueConstraint(fields=["larger", "smaller"], name="indicator_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.larger} ≥ {self.smaller}"


class ReportingDeadline(models.Model):
    """How many days after a period ends its report is due."""

    grain = models.CharField(_("period"), max_length=10, choices=Grain.choices, unique=True)
    days_after_end = models.PositiveSmallIntegerField(_("days after the period ends"))

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")

    def __str__(self) -> str:
        return f"{self.get_grain_display()}: {self.days_after_end}"


class Cell(models.Model):
    """One indicator's figure for one unit and one period, kept three ways.

    `own`: the unit's own records. `then`: the unit and everything below it in the structure
    it was created in. `now`: everything that counts under it today, merged units included.
    The `*_ended` columns hold records that stopped counting in that period (for indicators
    counting what is in force).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    grain = models.CharField(max_length=10, choices=Grain.choices)
    period_start = models.DateField()
    own = models.BigIntegerField(default=0)
    own_ended = models.BigIntegerField(default=0)
    then_total = models.BigIntegerField(default=0)
    then_ended = models.BigIntegerField(default=0)
    now_total = models.BigIntegerField(default=0)
    now_ended = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period_start", "grain"], name="cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}/{self.grain}/{self.period_start}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class PeriodReport(Versioned):
    """A unit's periodic report (báo cáo định kỳ): its entered totals for a period."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="period_reports"
    )
    grain = models.CharField(_("period"), max_length=10, choices=Grain.choices)
    period_start = models.DateField(_("period start"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("reason"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("periodic report")
        verbose_name_plural = _("periodic reports")
        ordering = ["-period_start", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "grain", "period_start"], name="period_report_unique"
            )
        ]
        indexes = [models.Index(fields=["grain", "period_start", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period}"

    @property
    def period(self) -> Period:
        return Period(Grain(self.grain), self.period_start)

    @property
    def is_locked(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class ReportValue(models.Model):
    """One entered total of a periodic report."""

    report = models.ForeignKey(PeriodReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("entered total")
        verbose_name_plural = _("entered totals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="report_value_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="report_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
