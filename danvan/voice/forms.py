"""The citizens' voice forms: filing a petition, its steps, the people's mood, a hot spot's
steps, and the public page's lookup and rating."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import AnyUser
from danvan.capability.forms import StyledForm, StyledModelForm
from danvan.common.forms import LONG_TEXT_MAX, bounded_formfield
from danvan.units.models import Unit
from danvan.voice.models import Petition, Tone, Topic
from danvan.voice.selectors import (
    communes_visible,
    dialogues_visible,
    handler_units,
    reporting_units,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (each checked by the service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class PetitionForm(StyledModelForm):
    attachments = MultipleFileField(
        label=_("Attachments (PDF, image, Word, Excel; at most 10 MB each)")
    )

    class Meta:
        model = Petition
        formfield_callback = bounded_formfield
        fields = [
            "source",
            "dialogue",
            "topic",
            "commune",
            "unit",
            "severity",
            "title",
            "text",
            "contact_name",
            "contact_phone",
            "contact_address",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "unit": _("Empty: the commune concerned handles it."),
            "contact_name": _("Seen only by those who handle the petition."),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["commune"].queryset = communes_visible(user).order_by("path")
        fields["unit"].queryset = handler_units(user).order_by("path")
        fields["unit"].required = False
        year_ago = timezone.localdate() - dt.timedelta(days=366)  # the dialogues of the last year
        fields["dialogue"].queryset = dialogues_visible(user).filter(date__gte=year_ago)
        fields["topic"].queryset = Topic.objects.all()


class NoteForm(StyledForm):
    """Closing an answered petition, with a note if there is one."""

    reason = forms.CharField(label=_("Note"), max_length=500, required=False)


class ReturnForm(StyledForm):
    reason = forms.CharField(label=_("Reason for returning it"), max_length=500)


class AnswerForm(StyledForm):
    answer = forms.CharField(
        label=_("Answer"), max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence = MultipleFileField(label=_("Evidence (PDF, image, Word, Excel; at most 10 MB each)"))


class TransferForm(StyledForm):
    to: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("To unit"), queryset=Unit.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to: Any = self.fields["to"]
        to.queryset = handler_units(user).order_by("path")


class TrackForm(StyledForm):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "KN-XXXXX-XXXXX"}),
    )


class RateForm(StyledForm):
    code = forms.CharField(max_length=30, widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        choices=[(5, "5"), (4, "4"), (3, "3"), (2, "2"), (1, "1")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_rate_%s")  # beside the lookup form's code on one page
        super().__init__(*args, **kwargs)


class MoodReportForm(StyledForm):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Reporting unit"), queryset=Unit.objects.none()
    )
    date = forms.DateField(
        label=_("Date (dd/mm/yyyy)"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all())
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices)
    opinions = forms.IntegerField(label=_("Opinions heard"), min_value=1, initial=1)
    notable = forms.CharField(
        label=_("Notable opinions"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit: Any = self.fields["unit"]
        unit.queryset = reporting_units(user).order_by("path")


class AssignForm(StyledForm):
    assignee = forms.CharField(label=_("Officer's user name"), max_length=150)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ResolveForm(StyledForm):
    note = forms.CharField(
        label=_("What was done"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
