from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.locking import VersionedForm
from danvan.indicators.models import Indicator

# More than any commission counts; a larger number is a typing slip.
MAX_FIGURE = 10**12 - 1


class ReportForm(VersionedForm):
    """One number field per indicator a unit may enter, and the version of the report."""

    def __init__(self, *args: object, indicators: list[Indicator], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"i{indicator.pk}"] = forms.IntegerField(
                label=indicator.name,
                required=False,
                min_value=0,
                max_value=MAX_FIGURE,
                help_text=indicator.measure,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def values(self) -> dict[int, int | None]:
        return {
            indicator.pk: self.cleaned_data.get(f"i{indicator.pk}") for indicator in self.indicators
        }


class ReasonForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
