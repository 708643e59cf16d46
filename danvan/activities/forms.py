"""One form per kind of activity, as typed in the pages; the services check them again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.accounts.selectors import AnyUser
from danvan.activities.models import (
    Activity,
    Conference,
    Dialogue,
    Document,
    Inspection,
    WorkTask,
)
from danvan.activities.selectors import editable_units
from danvan.common.forms import bounded_formfield
from danvan.common.locking import VersionedForm
from danvan.units.models import Unit, UnitLevel

DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
TEXT = forms.Textarea(attrs={"rows": 3})
# Fields that take a whole row of the form.
WIDE = {"title", "conclusions", "note", "method", "expected_result", "result", "reason"}


class ActivityForm(VersionedForm, forms.ModelForm):
    """What every kind shares: the unit limited to those the user edits, and, when editing,
    a reason kept in the change log."""

    reason = forms.CharField(
        label=_("Reason for the change"), max_length=500, required=False, widget=TEXT
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = editable_units(user)
        if self.instance.pk is not None:  # an activity of a unit that has since ended keeps it
            units = units | Unit.objects.filter(pk=self.instance.unit_id)
        else:
            del self.fields["reason"]
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units.order_by("path")
        if not self.is_bound and self.instance.pk is None and "unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:  # most officers record for their own unit only
                self.initial["unit"] = only[0].pk
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            field.widget.attrs.setdefault("class", css)

    @property
    def changes(self) -> dict[str, Any]:
        """The model's values from the form, for the services."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class ConferenceForm(ActivityForm):
    class Meta:
        model = Conference
        fields = [
            "unit",
            "date",
            "kind",
            "title",
            "by_sector",
            "target_group",
            "persons",
            "attendances",
        ]
        widgets = {"date": DATE}


class DocumentForm(ActivityForm):
    class Meta:
        model = Document
        fields = ["unit", "date", "code", "role", "title"]
        widgets = {"date": DATE, "code": forms.TextInput(attrs={"placeholder": "32-CT/TU"})}
        labels = {"title": _("Summary")}


class InspectionForm(ActivityForm):
    class Meta:
        model = Inspection
        formfield_callback = bounded_formfield
        fields = ["unit", "date", "kind", "title", "organisations", "members", "conclusions"]
        widgets = {"date": DATE, "conclusions": TEXT}


class DialogueForm(ActivityForm):
    class Meta:
        model = Dialogue
        formfield_callback = bounded_formfield
        fields = [
            "unit",
            "date",
            "kind",
            "level",
            "title",
            "leader",
            "participants",
            "opinions_raised",
            "opinions_answered",
            "note",
        ]
        widgets = {"date": DATE, "note": TEXT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ModelChoiceField)
        level_field.queryset = UnitLevel.objects.order_by("rank")
        level_field.help_text = _("The level of the leader who held the dialogue.")


class WorkTaskForm(ActivityForm):
    class Meta:
        model = WorkTask
        formfield_callback = bounded_formfield
        fields = [
            "unit",
            "plan",
            "title",
            "assignee",
            "responsibility",
            "method",
            "expected_result",
            "date",
            "deadline",
            "progress",
            "done_on",
            "result",
        ]
        widgets = {
            "date": DATE,
            "deadline": DATE,
            "done_on": DATE,
            "method": TEXT,
            "expected_result": TEXT,
            "result": TEXT,
        }
        labels = {"title": _("What (the task)"), "date": _("Assigned on")}


FORMS: dict[type[Activity], type[ActivityForm]] = {
    Conference: ConferenceForm,
    Document: DocumentForm,
    Inspection: InspectionForm,
    Dialogue: DialogueForm,
    WorkTask: WorkTaskForm,
}
