import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, home_units, scoped
from danvan.awards.models import (
    AwardType,
    Discipline,
    Person,
    ServicePeriod,
)
from danvan.awards.selectors import people_visible
from danvan.common.locking import VersionedForm
from danvan.units.models import Unit, path_ids

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
TEXT = forms.Textarea(attrs={"rows": 2})


def units_for(user: AnyUser, minimum: Role = Role.EDITOR) -> Any:
    """Units in force where the user holds `minimum`, in tree order."""
    return scoped(user, Unit.objects.current(), unit_field="", minimum=minimum).order_by("path")


class Styled:
    """Bootstrap classes on every widget."""

    fields: dict[str, forms.Field]

    def style(self) -> None:
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            field.widget.attrs.setdefault("class", css)


class PersonForm(VersionedForm, Styled, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "birth_date", "gender", "category", "unit", "position", "died_on"]
        widgets = {"birth_date": DATE, "died_on": DATE}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for(user)
        if self.instance.pk is not None:
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        self.style()


class ServicePeriodForm(Styled, forms.ModelForm):
    class Meta:
        model = ServicePeriod
        fields = [
            "start",
            "end",
            "position",
            "organisation",
            "in_sector",
            "full_time",
            "remote_area",
        ]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class DisciplineForm(Styled, forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["date", "form", "decision_number", "note"]
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class PastAwardForm(Styled, forms.Form):
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.all())
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100)
    giver = forms.CharField(label=_("Given by"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why they are the same person"), max_length=500)


class EligibleForm(Styled, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit (and below)"), queryset=Unit.objects.none())
    award = forms.ModelChoiceField(
        label=_("Award"),
        queryset=AwardType.objects.filter(rules__isnull=False).distinct(),
        to_field_name="code",
    )
    on = forms.DateField(label=_("On (dd/mm/yyyy)"), required=False, widget=DATE)

    def clean_on(self) -> dt.date | None:
        on = self.cleaned_data["on"]
        if on is not None and not 1945 <= on.year <= timezone.localdate().year + 10:
            raise forms.ValidationError(_("Choose a day from 1945 to ten years from now."))
        return on

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units_for(user, Role.VIEWER).exclude(level__code="village")
        self.style()


class BatchForm(Styled, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Proposing unit"), queryset=Unit.objects.none())
    decider = forms.ModelChoiceField(
        label=_("Deciding unit"),
        queryset=Unit.objects.none(),
        help_text=_("The proposing unit itself or a unit above it."),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for(user).exclude(level__code="village")
        fields: Any = self.fields
        fields["unit"].queryset = units
        above = {pk for unit in home_units(user) for pk in path_ids(unit.path)}
        fields["decider"].queryset = Unit.objects.filter(pk__in=above).order_by("path")
        self.initial.setdefault("year", timezone.localdate().year)
        self.style()


class LineForm(Styled, forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person (code)"),
        queryset=Person.objects.none(),
        to_field_name="code",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "CN-000123"}),
    )
    collective_name = forms.CharField(label=_("or a collective"), max_length=300, required=False)
    unit = forms.ModelChoiceField(label=_("Unit of the recipient"), queryset=Unit.objects.none())
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.all())
    achievement = forms.CharField(
        label=_("Achievement"), max_length=2000, required=False, widget=TEXT
    )

    def __init__(self, *args: Any, user: AnyUser, batch_unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["person"].queryset = people_visible(user)
        fields["unit"].queryset = units_for(user).filter(current_path__startswith=batch_unit.path)
        self.style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("person")) == bool(data.get("collective_name")):
            raise forms.ValidationError(_("Give either a person's code or a collective's name."))
        return data


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class DecideForm(Styled, forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=100)
    date = forms.DateField(label=_("Date (dd/mm/yyyy)"), widget=DATE)
    giver = forms.CharField(label=_("Deciding body"), max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class CeremonyForm(Styled, forms.Form):
    date = forms.DateField(label=_("Date (dd/mm/yyyy)"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=300)
    presented_by = forms.CharField(label=_("Presented by"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class RevokeForm(Styled, forms.Form):
    on = forms.DateField(label=_("Revoked on (dd/mm/yyyy)"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled template (.xlsx)"))
