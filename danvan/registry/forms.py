from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import AnyUser
from danvan.capability.forms import StyledForm, styled
from danvan.common.forms import bounded_formfield
from danvan.common.locking import VersionedForm
from danvan.registry.models import Entry, Status
from danvan.registry.selectors import communes_for, entries_visible, owner_units
from danvan.units.models import Unit

VALUE_FIELDS = [
    "name",
    "kind",
    "exemplar_type",
    "description",
    "method",
    "results",
    "result_figure",
    "result_measure",
    "leader",
    "start_date",
]


class EntryValuesForm(forms.ModelForm):
    """An entry's own values: everything but its links to units, fields and other entries.

    It checks each row of an Excel file; EntryForm adds the links for the page. An import
    resolves the links once for the whole file instead of once per row.
    """

    class Meta:
        model = Entry
        formfield_callback = bounded_formfield
        fields = VALUE_FIELDS


class EntryForm(VersionedForm, EntryValuesForm):
    """One entry, as typed in the page."""

    class Meta:
        model = Entry
        formfield_callback = bounded_formfield
        fields = [
            *VALUE_FIELDS[:3],
            *["unit", "commune", "field", "period"],
            *VALUE_FIELDS[3:],
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
        owners = owner_units(user)
        if self.instance.pk is not None:  # an entry of a unit that has since ended keeps it
            owners = owners | Unit.objects.filter(pk=self.instance.unit_id)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = owners.order_by("path")
        commune_field = self.fields["commune"]
        assert isinstance(commune_field, forms.ModelChoiceField)
        communes = communes_for(user)
        if self.instance.commune_id is not None:  # an entry keeps a commune that has ended
            communes = communes | Unit.objects.filter(pk=self.instance.commune_id)
        commune_field.queryset = communes.order_by("path")
        copies_field = self.fields["copies"]
        assert isinstance(copies_field, forms.ModelChoiceField)
        copies_field.queryset = entries_visible(user)
        copies_field.to_field_name = "code"
        copies_field.widget = forms.TextInput(attrs={"placeholder": "DVK-000150"})
        copies_field.help_text = _("Code of the model it copies, if any.")
        if self.instance.copies is not None:
            self.initial["copies"] = self.instance.copies.code
        styled(self)


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
        styled(self)


class EvidenceForm(StyledForm):
    file = forms.FileField(label=_("Evidence file (PDF, image, Word, Excel; at most 10 MB)"))


class ImportForm(StyledForm):
    file = forms.FileField(label=_("Filled template (.xlsx)"))


def clean_row_values(
    data: dict[str, Any], links: dict[str, Any]
) -> tuple[Entry | None, dict[str, list[str]]]:
    """Check one imported row with EntryValuesForm's fields and the entry's own rules.

    The same checks as the form, without building a form (and copying its fields) for each
    of thousands of rows.
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name, field in EntryValuesForm.base_fields.items():
        try:
            values[name] = field.clean(data.get(name, ""))
        except forms.ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
    if errors:
        return None, errors
    entry = Entry(**values, **links)
    try:
        entry.full_clean(
            # The links were resolved within the user's scope; checking that they exist
            # again would cost a query per link and row.
            exclude=["code", "status", "status_date", "search_key", *links],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        return None, exc.message_dict
    return entry, {}
