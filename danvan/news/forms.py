"""The upload form and the review form (the article's facts, editable) of news articles."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped
from danvan.awards.models import Gender, PersonCategory
from danvan.common.numbers import format_number
from danvan.news.models import Article
from danvan.news.selectors import indicators_enterable
from danvan.units.models import Unit

MAX_FILES = 20
MAX_BYTES = 2 * 1024 * 1024
EXTENSIONS = (".txt", ".html", ".htm")
DATE = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
EVENT_KINDS = [
    ("", _("No event")),
    ("hoi_nghi_trien_khai", _("Conference deploying the tasks")),
    ("hoi_nghi_so_ket_tong_ket", _("Review conference")),
    ("hoi_nghi_tap_huan", _("Training")),
    ("hoi_nghi_doi_thoai", _("Dialogue with citizens")),
    ("toa_dam", _("Round table")),
    ("gap_mat", _("Meeting or rally")),
    ("le_bieu_duong", _("Honouring ceremony")),
    ("hoi_nghi_khac", _("Other conference")),
]
AWARDS = [
    ("ky_niem_chuong", _("Commemorative medal")),
    ("bang_khen", _("Certificate of merit")),
    ("giay_khen", _("Certificate of commendation")),
    ("huan_chuong", _("Order")),
    ("co_thi_dua", _("Emulation flag")),
    ("other", _("Other award")),
]
RECIPIENTS = [("", _("Unknown")), ("ca_nhan", _("Individuals")), ("tap_the", _("Collectives"))]


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        field.widget.attrs.setdefault("class", css)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


def _utf8_text(upload: Any) -> str | None:
    """The file's text when it is UTF-8 text; None otherwise (UTF-16 and binary files, which
    hold NUL characters no database column takes)."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


class UploadForm(forms.Form):
    articles = MultipleFileField(
        label=_("Article files"),
        widget=MultipleFileInput(attrs={"accept": ",".join(EXTENSIONS), "class": "form-control"}),
        help_text=_("Plain text (.txt) or web pages (.html), UTF-8, up to 2 MB each."),
    )

    def clean_articles(self) -> list[tuple[str, str]]:
        """Each file's name and text; every problem of every file at once."""
        files = self.cleaned_data["articles"]
        if not files:
            raise ValidationError(_("Choose at least one file."))
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("At most %(count)s files at a time.") % {"count": format_number(MAX_FILES)}
            )
        errors, read = [], []
        for upload in files:
            name = upload.name or ""
            if not name.lower().endswith(EXTENSIONS):
                errors.append(
                    _("%(name)s: only .txt and .html files can be read.") % {"name": name}
                )
            elif (upload.size or 0) > MAX_BYTES:
                errors.append(_("%(name)s: the file is larger than 2 MB.") % {"name": name})
            else:
                text = _utf8_text(upload)
                if text is not None:
                    read.append((name, text))
                else:
                    errors.append(
                        _("%(name)s: the file is not UTF-8 text; save it as UTF-8 and retry.")
                        % {"name": name}
                    )
        if errors:
            raise ValidationError(errors)
        return read


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        """A unit that has ended (a province before the 2025 merger) says until when."""
        if obj.valid_until is None:
            return str(obj.name)
        return _("%(name)s (until %(until)s)") % {
            "name": obj.name,
            "until": obj.valid_until.strftime("%d/%m/%Y"),
        }


class ReviewForm(forms.Form):
    """The article's main facts as the officer confirms them."""

    unit = UnitChoiceField(label=_("Unit concerned"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title of the activity"), max_length=300, required=False)
    event_kind = forms.ChoiceField(label=_("Event"), choices=EVENT_KINDS, required=False)
    event_date = forms.DateField(label=_("Date of the event"), required=False, widget=DATE)
    anniversary = forms.BooleanField(label=_("Marks the anniversary of 15/10"), required=False)
    organizer = forms.CharField(label=_("Organiser"), max_length=300, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    record_activity = forms.BooleanField(
        label=_("Record the event as a conference of the unit"), required=False
    )
    by_sector = forms.BooleanField(label=_("Held by the mass-mobilization sector"), required=False)
    period_year = forms.IntegerField(
        label=_("Year the figures describe"), min_value=1945, max_value=2100, required=False
    )
    documents = forms.CharField(
        label=_("Documents cited"),
        max_length=2000,
        required=False,
        help_text=_("Codes separated by commas, e.g. 32-CT/TU, 25-NQ/TW."),
    )

    def __init__(self, *args: Any, user: AnyUser, article: Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = scoped(
            user,
            Unit.objects.filter(level__code__in=["central", "province"]),
            unit_field="",
            minimum=Role.EDITOR,
        )
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = (units | Unit.objects.filter(pk=article.unit_id)).order_by(
            "name", "-valid_from"
        )
        _styled(self)

    def clean_documents(self) -> list[str]:
        raw = self.cleaned_data["documents"].replace(";", ",").replace("\n", ",")
        return [code.strip() for code in raw.split(",") if code.strip()]


class PersonFactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    titles = forms.CharField(
        label=_("Titles"), max_length=600, required=False, help_text=_("Separated by ;")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class AwardFactForm(forms.Form):
    # A blank first choice, so the empty row left for a new award stays unchanged and unchecked.
    award = forms.ChoiceField(label=_("Award"), choices=[("", "---------"), *AWARDS])
    recipient = forms.ChoiceField(label=_("Recipient"), choices=RECIPIENTS, required=False)
    count = forms.IntegerField(label=_("Number"), min_value=1)
    indicator = forms.ModelChoiceField(
        label=_("Enter as"), queryset=indicators_enterable(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class StatisticFactForm(forms.Form):
    value = forms.IntegerField(label=_("Number"), min_value=0)
    noun = forms.CharField(label=_("What is counted"), max_length=300)
    indicator = forms.ModelChoiceField(
        label=_("Enter as"), queryset=indicators_enterable(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


PeopleFormSet = forms.formset_factory(PersonFactForm, extra=1, can_delete=True)
AwardFormSet = forms.formset_factory(AwardFactForm, extra=1, can_delete=True)
StatisticFormSet = forms.formset_factory(StatisticFactForm, extra=1, can_delete=True)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejecting"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class NewPersonForm(forms.Form):
    """A person the article names, added to the registry with what the article lacks."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    category = forms.ModelChoiceField(label=_("Category"), queryset=PersonCategory.objects.all())
    position = forms.CharField(label=_("Position"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
