"""Forms of the structure pages: a new village team or block, and each structural change."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.capability.forms import RecordsField, StyledForm
from danvan.organisation.services import GRASSROOTS
from danvan.units.models import Unit, UnitKind
from danvan.units.services import NewUnit


class GrassrootsForm(StyledForm):
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=UnitKind.objects.filter(code__in=GRASSROOTS).order_by("name")
    )
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    valid_from = forms.DateField(label=_("In force from (dd/mm/yyyy)"))


class StepForm(StyledForm):
    """What every structural change records: its date and the decision behind it."""

    on = forms.DateField(label=_("Takes effect on (dd/mm/yyyy)"))
    decision = forms.CharField(label=_("Decision (number, date)"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RenameForm(StepForm):
    name = forms.CharField(label=_("New name"), max_length=255)
    field_order = ["name", "on", "decision", "note"]


class TransferForm(StepForm):
    parent = forms.ModelChoiceField(label=_("New unit above"), queryset=Unit.objects.none())
    field_order = ["parent", "on", "decision", "note"]

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.ModelChoiceField)
        parent_field.queryset = parents


MERGE_INTO_THIS, MERGE_INTO_NEW = "this", "new"


class MergeForm(StepForm):
    others = RecordsField(
        label=_("Units merged with it"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_pk_value": _("“%(pk)s” names no unit you may choose.")},
    )
    target = forms.ChoiceField(
        label=_("They become"),
        choices=[
            (MERGE_INTO_THIS, _("this unit (the others end)")),
            (MERGE_INTO_NEW, _("a new unit (all of them end)")),
        ],
        widget=forms.RadioSelect,
        initial=MERGE_INTO_THIS,
    )
    new_code = forms.CharField(label=_("Code of the new unit"), max_length=40, required=False)
    new_name = forms.CharField(label=_("Name of the new unit"), max_length=255, required=False)
    field_order = ["others", "target", "new_code", "new_name", "on", "decision", "note"]

    def __init__(self, *args: Any, siblings: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = self.fields["others"]
        assert isinstance(others, RecordsField)
        others.queryset = siblings

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == MERGE_INTO_NEW and not (
            data.get("new_code") and data.get("new_name")
        ):
            raise ValidationError(_("Give the new unit's code and name."))
        return data


class SplitForm(StepForm):
    parts = forms.CharField(
        label=_("New units, one per line: code; name (the first is the default successor)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["parts", "on", "decision", "note"]

    def clean_parts(self) -> list[NewUnit]:
        parts = []
        for number, line in enumerate(self.cleaned_data["parts"].splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, name = line.partition(";")
            if not code.strip() or not name.strip():
                raise ValidationError(
                    _("Line %(line)s: write the code, a semicolon, then the name.")
                    % {"line": number}
                )
            parts.append(NewUnit(code=code.strip()[:40], name=name.strip()[:255]))
        if len(parts) < 2:
            raise ValidationError(_("A split needs at least two new units."))
        return parts
