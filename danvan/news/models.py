"""News articles (bài báo) read into danvan: the text as ingested, the facts the extractor read
and the officer's corrected version, and the records each confirmed article gave rise to.

Nothing an article says enters the records until an officer confirms it: until then it is an
article awaiting review, its facts a proposal.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.indicators.models import Indicator
from danvan.units.models import Unit


class ArticleStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Article(models.Model):
    """A news article (bài báo) about mass-mobilization work, as ingested."""

    change_labels = {"records": _("records created")}

    source_name = models.CharField(_("source"), max_length=255)
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML page"), blank=True)
    content_hash = models.CharField(
        _("content fingerprint"),
        max_length=64,
        unique=True,
        help_text=_("Of the folded text: the same article in another file is a duplicate."),
    )
    published = models.DateField(_("published"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit concerned"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.AWAITING
    )
    reject_reason = models.CharField(_("reason for rejecting"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    search_key = models.TextField(editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["status", "uploaded_at"])]

    def __str__(self) -> str:
        return self.title or self.source_name


class ExtractedFacts(models.Model):
    """The facts of an article: as the extractor read them, and as the officer confirmed them
    (both in the schema of the news corpus)."""

    article = models.OneToOneField(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="facts"
    )
    extracted = models.JSONField(_("facts as extracted"))
    corrected = models.JSONField(_("facts as confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("facts of an article")
        verbose_name_plural = _("facts of articles")

    def __str__(self) -> str:
        return str(self.article)

    @property
    def current(self) -> dict[str, Any]:
        """The confirmed facts once there are any, else the extracted ones."""
        return self.corrected if self.corrected is not None else self.extracted


class RecordKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    PERSON = "person", _("Person")
    REPORT = "report", _("Entered totals")
    DOCUMENT = "document", _("Document")


class ArticleRecord(models.Model):
    """A record that came from an article (its source): an activity, a person of the registry,
    a periodic report's entered totals, a document."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RecordKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record from an article")
        verbose_name_plural = _("records from articles")
        ordering = ["article", "kind", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id"], name="article_record_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.get_kind_display()} {self.object_id}"


class CitedDocument(models.Model):
    """A Party or State document an article cites (văn bản được trích dẫn), as confirmed."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="documents"
    )
    code = models.CharField(_("code"), max_length=60)
    doc_type = models.CharField(_("type"), max_length=10, blank=True)
    issuer = models.CharField(_("issuer"), max_length=40)

    class Meta:
        verbose_name = _("cited document")
        verbose_name_plural = _("cited documents")
        ordering = ["article", "code"]
        indexes = [models.Index(fields=["code"])]
        constraints = [
            models.UniqueConstraint(fields=["article", "code"], name="cited_document_unique")
        ]

    def __str__(self) -> str:
        return self.code


class FactKind(models.TextChoices):
    STATISTIC = "statistic", _("Statistic")
    AWARD = "award", _("Award count")


class IndicatorMatch(models.Model):
    """Which indicator a fact of an article is a value of: a statistic whose noun starts with
    `phrase` (folded), or an award count of `phrase` = "award/recipient" (e.g. "bang_khen/
    tap_the"). Data: a province adds its own phrases in the admin."""

    kind = models.CharField(_("kind"), max_length=10, choices=FactKind.choices)
    phrase = models.CharField(_("phrase"), max_length=200)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator of a fact")
        verbose_name_plural = _("indicators of facts")
        ordering = ["kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "phrase"], name="indicator_match_unique")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.indicator}"
