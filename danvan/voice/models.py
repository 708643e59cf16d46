"""Citizens' voice (tiếng nói nhân dân): petitions and reports (kiến nghị, phản ánh) with
deadlines in working hours, the people's mood (tình hình nhân dân) and hot spots (điểm nóng).

Topics, working hours, public holidays and deadlines per severity are data rows: a province
changes them in the admin without a release.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.common.models import Record
from danvan.units.models import Unit


class Topic(models.Model):
    """A topic of petitions and of the people's mood (đất đai, môi trường, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class WorkingPeriod(models.Model):
    """A span of working time on a weekday (giờ hành chính), e.g. Monday 07:30-11:30."""

    weekday = models.PositiveSmallIntegerField(
        _("weekday"), help_text=_("0 is Monday, 6 is Sunday.")
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("working period")
        verbose_name_plural = _("working periods")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="working_period_weekday"),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="working_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.start:%H:%M}-{self.end:%H:%M}"


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết): a dated row, lunar ones entered year by year."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class Severity(models.TextChoices):
    COMPLEX = "complex", _("Complex")
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")


class DeadlinePolicy(models.Model):
    """How many working hours a petition of a severity has to be acknowledged and handled,
    and how long before a deadline the responsible unit is reminded."""

    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, unique=True)
    acknowledge_hours = models.PositiveSmallIntegerField(_("acknowledge within (working hours)"))
    handle_hours = models.PositiveSmallIntegerField(_("handle within (working hours)"))
    remind_hours = models.PositiveSmallIntegerField(
        _("remind before the handling deadline (working hours)")
    )
    acknowledge_remind_hours = models.PositiveSmallIntegerField(
        _("remind before the acknowledgement deadline (working hours)"), default=2
    )

    class Meta:
        verbose_name = _("deadline per severity")
        verbose_name_plural = _("deadlines per severity")

    def __str__(self) -> str:
        return str(self.get_severity_display())


class Source(models.TextChoices):
    DIALOGUE = "dialogue", _("Opinion raised at a dialogue")
    VILLAGE_TEAM = "village_team", _("Village team's report")
    FORM = "form", _("Citizen's form")
    PHONE = "phone", _("Phone call")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Returned")


OPEN_STATES = [State.RECEIVED, State.ACKNOWLEDGED, State.IN_PROGRESS]


class Petition(Record):
    """A petition or report from citizens (kiến nghị, phản ánh)."""

    change_labels = {"step": _("step")}

    code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    dialogue = models.ForeignKey(
        "activities.Dialogue",
        verbose_name=_("dialogue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The dialogue where the opinion was raised."),
    )
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT)
    commune = models.ForeignKey(
        Unit, verbose_name=_("commune concerned"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    escalated_to = models.ForeignKey(
        Unit,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    escalation_level = models.PositiveSmallIntegerField(_("escalations"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    title = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("what the citizen says"))
    contact_name = models.CharField(_("citizen's name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("citizen's phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("citizen's address"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(_("received on"), db_index=True, editable=False)
    acknowledge_due = models.DateTimeField(_("acknowledge by"))
    handle_due = models.DateTimeField(_("handle by"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("citizen's rating (1-5)"), null=True, blank=True)
    rating_comment = models.CharField(_("citizen's comment"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_key = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="petition_rating_1_to_5",
            )
        ]
        indexes = [models.Index(fields=["state", "handle_due"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("voice:detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.commune_id is not None and self.commune.level.code != "commune":
            errors["commune"] = str(_("%(unit)s is not a commune.") % {"unit": self.commune})
        if self.dialogue_id is not None and self.source != Source.DIALOGUE:
            errors["dialogue"] = str(_("Only an opinion raised at a dialogue names a dialogue."))
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def due_at(self) -> dt.datetime:
        """The deadline the petition runs against now."""
        return self.acknowledge_due if self.state == State.RECEIVED else self.handle_due


class StepAction(models.TextChoices):
    FILE = "file", _("Filed")
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    START = "start", _("Handling started")
    ANSWER = "answer", _("Answered")
    CLOSE = "close", _("Closed")
    RETURN = "return", _("Returned")
    TRANSFER = "transfer", _("Transferred")
    ESCALATE = "escalate", _("Escalated")
    RATE = "rate", _("Rated by the citizen")


class PetitionStep(models.Model):
    """A step in a petition's life: who did what, when, and why."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("action"), max_length=20, choices=StepAction.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("petition step")
        verbose_name_plural = _("petition steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.petition.code} {self.get_action_display()}"


class FileRole(models.TextChoices):
    ATTACHMENT = "attachment", _("Attachment")
    EVIDENCE = "evidence", _("Evidence of the answer")


def petition_file_path(instance: "PetitionFile", filename: str) -> str:
    return f"voice/{instance.petition_id}/{filename}"


class PetitionFile(models.Model):
    """A file filed with a petition, or evidence of its answer (size- and type-checked)."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="files"
    )
    role = models.CharField(_("role"), max_length=20, choices=FileRole.choices)
    file = models.FileField(_("file"), upload_to=petition_file_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("petition file")
        verbose_name_plural = _("petition files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Deadline near")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Escalated")


class Notice(models.Model):
    """A notification shown on the dashboard of the unit it is for (reminder, escalation)."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="notices"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("for unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    due_at = models.DateTimeField(_("deadline"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "kind", "unit", "due_at"], name="notice_once_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition.code} {self.get_kind_display()}"


class Tone(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    WORRIED = "worried", _("Worried")
    OPPOSED = "opposed", _("Opposed")


CONCERNED_TONES = [Tone.WORRIED, Tone.OPPOSED]


class MoodReport(Record):
    """A report on the people's mood (tình hình tư tưởng nhân dân) from a village team or a
    commune: what people talk about, in what tone, how many, and notable opinions."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        Unit, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    date = models.DateField(_("date"), db_index=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT)
    tone = models.CharField(_("tone"), max_length=20, choices=Tone.choices)
    opinions = models.PositiveIntegerField(_("opinions heard"), default=1)
    notable = models.TextField(_("notable opinions"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mood report")
        verbose_name_plural = _("mood reports")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%d/%m/%Y} {self.topic}"


class Method(models.TextChoices):
    EARS_C2 = "ears_c2", _("EARS C2")
    CUSUM = "cusum", _("CUSUM")
    SCAN = "scan", _("Space-time permutation scan")


class AlertLevel(models.TextChoices):
    WATCH = "watch", _("Watch")
    ALARM = "alarm", _("Alarm")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ASSIGNED = "assigned", _("Assigned")
    RESOLVED = "resolved", _("Resolved")


class HotspotAlert(models.Model):
    """A hot spot (điểm nóng) found by a detector in one week: a commune and topic whose
    count rose above its threshold, or a cluster of neighbouring communes (the scan)."""

    province = models.ForeignKey(
        Unit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For a cluster: its centre."),
    )
    communes = models.ManyToManyField(
        Unit, verbose_name=_("communes of the cluster"), related_name="+"
    )
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    level = models.CharField(_("level"), max_length=10, choices=AlertLevel.choices)
    week_start = models.DateField(_("week starting"))
    weeks = models.PositiveSmallIntegerField(_("weeks covered"), default=1)
    count = models.PositiveIntegerField(_("count"))
    statistic = models.FloatField(_("statistic"))
    baseline = models.FloatField(_("baseline"))
    threshold = models.FloatField(_("threshold"))
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    explanation = models.TextField(_("why it fired"))
    petitions = models.ManyToManyField(Petition, verbose_name=_("petitions"), related_name="+")
    mood_reports = models.ManyToManyField(
        MoodReport, verbose_name=_("mood reports"), related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("hot-spot alert")
        verbose_name_plural = _("hot-spot alerts")
        ordering = ["-week_start", "-statistic"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "commune", "topic", "week_start"], name="alert_once_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.topic} · {self.week_start:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("voice:alert", args=[self.pk])


class DetectionRun(models.Model):
    """A week already scanned for a province: the worker scans each week once."""

    province = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    alerts = models.PositiveIntegerField(default=0)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("detection run")
        verbose_name_plural = _("detection runs")
        constraints = [
            models.UniqueConstraint(fields=["province", "week_start"], name="detection_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.week_start}"
