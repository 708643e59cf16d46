"""The registry's list as a table: the page's columns, their sorting and labels."""

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.capability.tables import DateColumn, Table
from danvan.registry.models import Entry


class EntryTable(Table):
    selected = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "input": {"class": "form-check-input"},
            "th__input": {
                "class": "form-check-input",
                "data-check-all": "selected",
            },
        },
    )
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"), orderable=False)
    field = tables.Column(verbose_name=_("Field"), orderable=False)
    unit = tables.Column(verbose_name=_("Unit"), orderable=False)
    status = tables.Column(verbose_name=_("Status"), orderable=False)
    status_date = DateColumn(verbose_name=_("Since"))

    class Meta(Table.Meta):
        model = Entry
        fields = ["selected", "code", "name", "kind", "field", "unit", "status", "status_date"]
        empty_text = _("No entry matches.")

    def render_code(self, value: str) -> Any:
        return format_html("<code>{}</code>", value)

    def render_name(self, record: Entry) -> Any:
        badge = format_html(' <span class="badge badge-sample">{}</span>', _("sample"))
        return format_html(
            '<a href="{}">{}</a>{}',
            record.get_absolute_url(),
            record.name,
            badge if record.is_sample else "",
        )

    def render_kind(self, record: Entry) -> str:
        kind = str(record.get_kind_display())
        return f"{kind} · {record.get_exemplar_type_display()}" if record.exemplar_type else kind
