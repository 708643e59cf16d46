from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped, units_visible
from danvan.registry.models import Entry, Status
from danvan.units.models import Unit


class EntryForm(forms.ModelForm):
    """One entry, as typed in the page or read from a row of an Excel file."""

    class Meta:
        model = Entry
        fields = [
            "name",
            "kind",
            "exemplar_type",
            "unit",
            "commune",
            "field",
            "period",
            "description",
            "method",
            "results",
            "result_figure",
            "result_measure",
            "leader",
            "start_date",
            "copies",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editable = scoped(user, Unit.objects.current(), unit_field="", minimum=Role.EDITOR)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = editable.exclude(level__code="village").order_by("path")
        commune_field = self.fields["commune"]
        assert isinstance(commune_field, forms.ModelChoiceField)
        commune_field.queryset = units_visible(user).filter(level__code="commune").order_by("path")
        copies_field = self.fields["copies"]
        assert isinstance(copies_field, forms.ModelChoiceField)
        copies_field.queryset = scoped(user, Entry.objects.all(), unit_field="unit")
        copies_field.widget = forms.NumberInput()
        copies_field.help_text = _("Id of the model it copies, if any.")
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    decision_code = forms.CharField(label=_("Decision code"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if choices is not None:
            to_field = self.fields["to"]
            assert isinstance(to_field, forms.ChoiceField)
            to_field.choices = choices
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, image, Word, Excel; at most 10 MB)"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled template (.xlsx)"))
