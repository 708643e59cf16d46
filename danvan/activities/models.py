"""Activities (hoạt động): conferences and trainings, documents issued, inspections,
dialogues with citizens, and work plans' key tasks. Each belongs to the unit that did it, and
the indicators count them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.activities.codes import PARTY_TYPES, parse_code
from danvan.common.locking import Versioned
from danvan.units.models import Unit, UnitLevel


class Activity(Versioned):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """What was done has a date that has come (plans are tasks, with a deadline)."""
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("The date cannot be in the future.")})


class ConferenceKind(models.TextChoices):
    PROPAGANDA = "propaganda", _("Propaganda")
    TRAINING = "training", _("Training")
    REVIEW = "review", _("Review")
    DEPLOYMENT = "deployment", _("Deployment")
    HONOURING = "honouring", _("Honouring")
    ANNIVERSARY = "anniversary", _("Anniversary")
    OTHER = "other", _("Other")


class Conference(Activity):
    """A conference or training (hội nghị, lớp tập huấn)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConferenceKind.choices)
    by_sector = models.BooleanField(
        _("held by the mass-mobilization sector"),
        default=False,
        help_text=_("Organised by the commission itself, not by the Party committee."),
    )
    persons = models.PositiveIntegerField(_("participants (persons)"), default=0)
    attendances = models.PositiveIntegerField(_("attendances"), default=0)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)

    class Meta(Activity.Meta):
        verbose_name = _("conference or training")
        verbose_name_plural = _("conferences and trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(attendances__gte=F("persons")),
                name="conference_attendances_cover_persons",
                violation_error_message=_("Attendances cannot be fewer than persons."),
            )
        ]


class DocumentRole(models.TextChoices):
    LEAD = "lead", _("Leads and directs")
    GUIDE = "guide", _("Guides")


class Document(Activity):
    """A document issued (văn bản ban hành): its code read as number, type and issuer."""

    code = models.CharField(_("code"), max_length=60)
    number = models.PositiveIntegerField(_("number"), editable=False)
    doc_type = models.CharField(_("type"), max_length=10, editable=False)
    issuer = models.CharField(_("issuer"), max_length=40, editable=False)
    role = models.CharField(_("role"), max_length=10, choices=DocumentRole.choices)

    class Meta(Activity.Meta):
        verbose_name = _("document issued")
        verbose_name_plural = _("documents issued")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code", "date"], name="document_code_unique_per_unit_and_date"
            )
        ]

    def clean(self) -> None:
        super().clean()
        try:
            parsed = parse_code(self.code)
        except ValueError:
            raise ValidationError(
                {"code": _("Write the code as number-type/issuer, e.g. 32-CT/TU or 23-KH/BDVTU.")}
            ) from None
        self.number, self.doc_type, self.issuer = parsed.number, parsed.type, parsed.issuer

    @property
    def type_name(self) -> str:
        return PARTY_TYPES.get(self.doc_type, self.doc_type)


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISION = "supervision", _("Supervision")


class Inspection(Activity):
    """An inspection or supervision (kiểm tra, giám sát)."""

    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices)
    organisations = models.PositiveIntegerField(_("Party organisations inspected"), default=0)
    members = models.PositiveIntegerField(_("Party members inspected"), default=0)
    conclusions = models.TextField(_("conclusions"), blank=True)

    class Meta(Activity.Meta):
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")

    @property
    def inspected(self) -> int:
        return self.organisations + self.members


class DialogueKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")


class Dialogue(Activity):
    """A dialogue between leaders and citizens (tiếp xúc, đối thoại)."""

    kind = models.CharField(_("kind"), max_length=20, choices=DialogueKind.choices)
    leader = models.CharField(_("leader"), max_length=200)
    level = models.ForeignKey(UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    opinions_raised = models.PositiveIntegerField(_("opinions raised"), default=0)
    opinions_answered = models.PositiveIntegerField(_("opinions answered on the spot"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta(Activity.Meta):
        verbose_name = _("dialogue with citizens")
        verbose_name_plural = _("dialogues with citizens")
        constraints = [
            models.CheckConstraint(
                condition=Q(opinions_raised__gte=F("opinions_answered")),
                name="dialogue_answers_within_opinions",
                violation_error_message=_(
                    "Opinions answered on the spot cannot outnumber opinions raised."
                ),
            )
        ]


class WorkTask(Activity):
    """A key task of a work plan, with the five "rõ": who, what, responsibility, method and
    expected result. `date` is the day it was assigned, `title` says what is to be done."""

    plan = models.CharField(_("work plan"), max_length=200, blank=True)
    assignee = models.CharField(_("who"), max_length=200)
    responsibility = models.CharField(_("responsibility"), max_length=300)
    method = models.TextField(_("method"))
    expected_result = models.TextField(_("expected result"))
    deadline = models.DateField(_("deadline"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    result = models.TextField(_("result"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta(Activity.Meta):
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="work_task_progress_at_most_100",
                violation_error_message=_("Progress is a percentage, at most 100."),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.deadline and self.date and self.deadline < self.date:
            raise ValidationError({"deadline": _("The deadline cannot be before the task starts.")})
        if self.done_on is not None and self.progress < 100:
            raise ValidationError({"progress": _("A task done must be at 100%.")})

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.deadline < timezone.localdate()
