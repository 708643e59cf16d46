import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import AnyUser
from danvan.activities.models import Dialogue
from danvan.activities.selectors import activities_visible
from danvan.common.forms import LONG_TEXT_MAX, bounded_formfield
from danvan.units.models import Unit
from danvan.voice.models import Petition, Tone, Topic
from danvan.voice.selectors import communes_visible, handler_units, reporting_units


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


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


class PetitionForm(forms.ModelForm):
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
        fields["dialogue"].queryset = activities_visible(user, Dialogue).filter(date__gte=year_ago)
        fields["topic"].queryset = Topic.objects.all()
        _styled(self)


class ActionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence = MultipleFileField(label=_("Evidence (PDF, image, Word, Excel; at most 10 MB each)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class TransferForm(forms.Form):
    to: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("To unit"), queryset=Unit.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to: Any = self.fields["to"]
        to.queryset = handler_units(user).order_by("path")
        _styled(self)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=30)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"class": "form-control", "placeholder": "KN-XXXXX-XXXXX"}
        )


class RateForm(forms.Form):
    code = forms.CharField(max_length=30, widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        choices=[(5, "5"), (4, "4"), (3, "3"), (2, "2"), (1, "1")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class MoodReportForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Reporting unit"), queryset=Unit.objects.none()
    )
    date = forms.DateField(label=_("Date (dd/mm/yyyy)"))
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
        _styled(self)


class AssignForm(forms.Form):
    assignee = forms.CharField(label=_("Officer's user name"), max_length=150)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
