"""Awards (khen thưởng): people, award types and their rules, proposal batches, decisions.

Award types and eligibility rules are rows with an effective date, never constants. An award
of a type given once per person is unique per person in the database itself (a partial unique
index), so two batches decided at the same moment cannot both give it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.common.locking import Versioned
from danvan.units.models import Unit, UnitLevel


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class PersonCategory(models.Model):
    """A category of people that rules tell apart (e.g. full-time mass-mobilization cadres)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("person category")
        verbose_name_plural = _("person categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Person(Versioned):
    """A person (cá nhân): a cadre, a member, a citizen honoured as an exemplar. One record
    across units; a duplicate merged into another keeps pointing at it (`merged_into`)."""

    change_labels = {
        "service": _("service period"),
        "discipline": _("discipline"),
        "merged": _("merged record"),
    }

    code = models.CharField(_("code"), max_length=20, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    category = models.ForeignKey(
        PersonCategory, verbose_name=_("category"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("current unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("current position"), max_length=200, blank=True)
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    search_key = models.CharField(max_length=400, db_index=True, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "birth_date", "code"]
        indexes = [models.Index(fields=["birth_date"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.birth_date:%d/%m/%Y})"

    def clean(self) -> None:
        errors = {}
        if self.birth_date is not None and self.birth_date > timezone.localdate():
            errors["birth_date"] = gettext("The birth date cannot be in the future.")
        if self.died_on is not None and self.birth_date and self.died_on < self.birth_date:
            errors["died_on"] = gettext("The date of death cannot come before the birth date.")
        if errors:
            raise ValidationError(errors)


class ServicePeriod(models.Model):
    """A period in a post (quá trình công tác): where, as what, and how it counts."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="service"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: to this day."))
    position = models.CharField(_("position"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    in_sector = models.BooleanField(
        _("mass-mobilization work"),
        default=True,
        help_text=_("Whether the post was in the mass-mobilization sector."),
    )
    full_time = models.BooleanField(_("full-time"), default=True)
    remote_area = models.BooleanField(_("in a listed remote area"), default=False)

    class Meta:
        verbose_name = _("service period")
        verbose_name_plural = _("service periods")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="service_period_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.organisation}"


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    DISMISSAL = "dismissal", _("Dismissal")
    EXPULSION = "expulsion", _("Expulsion")


class Discipline(models.Model):
    """A disciplinary measure (kỷ luật) taken against a person."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="disciplines"
    )
    date = models.DateField(_("date"))
    form = models.CharField(_("form"), max_length=20, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("decision"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.date:%d/%m/%Y}"


class AwardType(models.Model):
    """A kind of award (hình thức khen thưởng): the medal, Bằng khen, Giấy khen, Huân chương."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    certificate_title = models.CharField(
        _("title on the certificate"), max_length=100, help_text=_("e.g. BẰNG KHEN")
    )
    giver_level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("decided at level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only a unit of this level decides it; empty: any level."),
    )
    giver_name = models.CharField(
        _("given by"), max_length=200, help_text=_("The body that decides it, as written.")
    )
    for_individuals = models.BooleanField(_("to individuals"), default=True)
    for_collectives = models.BooleanField(_("to collectives"), default=False)
    once_per_person = models.BooleanField(_("once per person"), default=False)
    posthumous = models.BooleanField(_("may be given posthumously"), default=False)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks are higher honours.")
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["-rank", "name"]

    def __str__(self) -> str:
        return self.name


class EligibilityRule(models.Model):
    """The conditions for an award type and a category of people from a date on
    (tiêu chuẩn). The rule in force on a day is the latest that started by then."""

    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="rules"
    )
    category = models.ForeignKey(
        PersonCategory, verbose_name=_("category"), on_delete=models.PROTECT
    )
    effective_from = models.DateField(_("effective from"))
    years_required = models.DecimalField(
        _("years of service required"), max_digits=4, decimal_places=1
    )
    sector_only = models.BooleanField(_("only service in the sector counts"), default=True)
    women_fewer_years = models.DecimalField(
        _("fewer years for women"), max_digits=4, decimal_places=1, default=0
    )
    higher_honours = models.ManyToManyField(
        AwardType,
        verbose_name=_("higher honours"),
        blank=True,
        related_name="+",
        help_text=_("Holders of these may be proposed earlier."),
    )
    higher_honour_fewer_years = models.DecimalField(
        _("fewer years for holders of a higher honour"), max_digits=4, decimal_places=1, default=0
    )
    remote_area_factor = models.DecimalField(
        _("weight of remote-area service"),
        max_digits=3,
        decimal_places=2,
        default=1,
        help_text=_("1.5: a year in a listed remote area counts as a year and a half."),
    )
    discipline_years = models.PositiveSmallIntegerField(
        _("years a discipline disqualifies"), default=0
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    note = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["award_type", "category", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "category", "effective_from"], name="rule_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_type} · {self.category} · {self.effective_from:%d/%m/%Y}"


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Under review")
    RETURNED = "returned", _("Returned")
    DECIDED = "decided", _("Decided")


class Batch(models.Model):
    """A batch of proposals (đợt đề nghị khen thưởng): drawn up at a unit, reviewed by each
    level above it up to the deciding unit."""

    change_labels = {
        "line": _("proposal"),
        "action": _("action"),
        "ceremony": _("ceremony"),
        "presented_by": _("presented by"),
    }

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("Title"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="+"
    )
    decider = models.ForeignKey(
        Unit, verbose_name=_("deciding unit"), on_delete=models.PROTECT, related_name="+"
    )
    at_unit = models.ForeignKey(
        Unit, verbose_name=_("now at"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("proposal batch")
        verbose_name_plural = _("proposal batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"


class StepAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    FORWARDED = "forwarded", _("Passed on")
    RETURNED = "returned", _("Returned")
    DECIDED = "decided", _("Decided")


class BatchStep(models.Model):
    """A move of a batch between units: the history of its way up (and back)."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("action"), max_length=10, choices=StepAction.choices)
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("batch step")
        verbose_name_plural = _("batch steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.batch.code} {self.get_action_display()}"


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")
    AWARDED = "awarded", _("Awarded")


class Recipient(models.Model):
    """Who an award is for: a person, or a collective by name, with the unit they belong to
    (where the award counts), the award and the achievement. Proposals and awards share it."""

    recipient_kind = models.CharField(_("recipient"), max_length=12, choices=RecipientKind.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    collective_name = models.CharField(_("collective"), max_length=300, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit of the recipient"), on_delete=models.PROTECT, related_name="+"
    )
    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT)
    achievement = models.TextField(_("achievement"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(recipient_kind="individual") & Q(person__isnull=False))
                | (
                    Q(recipient_kind="collective") & Q(person__isnull=True) & ~Q(collective_name="")
                ),
                name="%(class)s_names_its_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_type} · {self.recipient}"

    @property
    def recipient(self) -> str:
        return self.person.full_name if self.person is not None else self.collective_name


class ProposalLine(Recipient):
    """One proposal of a batch: a person or a collective, an award, the achievement."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="lines"
    )
    verdict = models.CharField(_("eligibility when proposed"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LineStatus.choices, default=LineStatus.PENDING
    )
    reason = models.CharField(_("reason for returning"), max_length=500, blank=True)

    class Meta(Recipient.Meta):
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["batch", "id"]

    @property
    def last_review(self) -> "LineReview | None":
        """The latest level's verdict (from the prefetched reviews when there are)."""
        reviews = list(self.reviews.all())
        return reviews[-1] if reviews else None


class LineReview(models.Model):
    """A level's verdict on one proposal: accepted, or returned with a reason."""

    line = models.ForeignKey(
        ProposalLine, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="reviews"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField(_("accepted"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.line} · {self.unit}"


class Decision(models.Model):
    """The deciding body's decision (quyết định) on a batch."""

    batch = models.OneToOneField(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="decision"
    )
    number = models.CharField(_("number"), max_length=100)
    date = models.DateField(_("date"))
    giver = models.CharField(_("deciding body"), max_length=200)
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.number


class Ceremony(models.Model):
    """Where and when the awards of a decision were presented, and by whom."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="ceremonies"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    presented_by = models.CharField(_("presented by"), max_length=300)

    class Meta:
        verbose_name = _("ceremony")
        verbose_name_plural = _("ceremonies")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.place}"


class Award(Recipient):
    """An award given (from a danvan decision, or entered from the past). Revoking keeps the
    row, with the reason."""

    decided_on = models.DateField(_("decided on"))
    decision_number = models.CharField(_("decision"), max_length=100)
    giver = models.CharField(_("given by"), max_length=200)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision in danvan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    line = models.OneToOneField(
        ProposalLine,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    once_per_person = models.BooleanField(editable=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta(Recipient.Meta):
        verbose_name = _("award given")
        verbose_name_plural = _("awards given")
        ordering = ["-decided_on", "id"]
        constraints = [
            *Recipient.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "award_type"],
                condition=Q(once_per_person=True, revoked_on__isnull=True),
                name="award_once_per_person",
                violation_error_message=_("This person has already received this award."),
            ),
        ]
        indexes = [models.Index(fields=["award_type", "decided_on"])]
