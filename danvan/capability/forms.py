"""What every page's form shares: Bootstrap's look on every widget."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.common.forms import posted_id


def styled(form: forms.BaseForm) -> None:
    """Give each widget Bootstrap's class for its kind, unless it has one."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        styled(self)


class RecordsField(forms.ModelMultipleChoiceField):
    """Several records chosen by id: an id no database column holds ("99999999999999999999")
    is refused like any id that names nothing, before the database is asked."""

    def clean(self, value: Any) -> Any:
        for pk in value or []:
            if posted_id(str(pk)) == 0:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super().clean(value)
