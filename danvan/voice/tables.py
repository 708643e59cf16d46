"""The citizens' voice lists as tables: the pages' columns, their sorting and labels. A
citizen's contact is in none of them."""

import datetime as dt
from typing import Any

import django_tables2 as tables
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.capability.tables import DateColumn, NumberColumn, Table
from danvan.voice.models import AlertLevel, HotspotAlert, MoodReport, Petition


def _moment(value: dt.datetime) -> str:
    """A moment as Vietnam reads it: "09:30 03/11/2026", local time."""
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def _sample() -> Any:
    return format_html(' <span class="badge badge-sample">{}</span>', _("sample"))


class PetitionTable(Table):
    code = tables.Column(verbose_name=_("Code"))
    title = tables.Column(verbose_name=_("Subject"))
    topic = tables.Column(verbose_name=_("Topic"), orderable=False)
    commune = tables.Column(verbose_name=_("Commune"), orderable=False)
    unit = tables.Column(verbose_name=_("Responsible unit"), orderable=False)
    severity = tables.Column(verbose_name=_("Severity"), orderable=False)
    state = tables.Column(verbose_name=_("State"), orderable=False)
    received_on = DateColumn(verbose_name=_("Received on"), order_by=("received_at", "id"))
    due = tables.Column(
        verbose_name=_("Deadline"), accessor="due_at", orderable=False, empty_values=()
    )

    class Meta(Table.Meta):
        model = Petition
        fields = [
            "code",
            "title",
            "topic",
            "commune",
            "unit",
            "severity",
            "state",
            "received_on",
            "due",
        ]
        empty_text = _("No petition matches.")

    def render_code(self, record: Petition) -> Any:
        return format_html(
            '<a href="{}"><code>{}</code></a>{}',
            record.get_absolute_url(),
            record.code,
            _sample() if record.is_sample else "",
        )

    def render_title(self, value: str) -> str:
        return truncatechars(value, 80)

    def render_unit(self, record: Petition) -> Any:
        if record.escalated_to is None:
            return str(record.unit)
        return format_html(
            '{}<br><span class="badge text-bg-danger text-wrap">{} {}</span>',
            record.unit,
            _("escalated to"),
            record.escalated_to,
        )

    def render_due(self, record: Petition) -> str:
        return _moment(record.due_at) if record.is_open else "—"


class MoodReportTable(Table):
    date = DateColumn(verbose_name=_("Date"), order_by=("date", "id"))
    unit = tables.Column(verbose_name=_("Reporting unit"), orderable=False)
    commune = tables.Column(verbose_name=_("Commune"), orderable=False)
    topic = tables.Column(verbose_name=_("Topic"), orderable=False)
    tone = tables.Column(verbose_name=_("Tone"), orderable=False)
    opinions = NumberColumn(verbose_name=_("Opinions heard"))
    notable = tables.Column(verbose_name=_("Notable opinions"), orderable=False)

    class Meta(Table.Meta):
        model = MoodReport
        fields = ["date", "unit", "commune", "topic", "tone", "opinions", "notable"]
        empty_text = _("No report matches.")

    def render_date(self, record: MoodReport, value: dt.date) -> Any:
        if not record.is_sample:
            return value.strftime("%d/%m/%Y")
        return format_html("{}{}", value.strftime("%d/%m/%Y"), _sample())

    def render_notable(self, value: str) -> str:
        return truncatechars(value, 120)


class AlertTable(Table):
    level = tables.Column(verbose_name=_("Level"))
    place = tables.Column(
        verbose_name=_("Commune · topic"), accessor="commune", orderable=False, empty_values=()
    )
    method = tables.Column(verbose_name=_("Method"), orderable=False)
    week_start = DateColumn(verbose_name=_("Week of"))
    count = NumberColumn(verbose_name=_("Count"))
    status = tables.Column(verbose_name=_("Status"), orderable=False)

    class Meta(Table.Meta):
        model = HotspotAlert
        fields = ["level", "place", "method", "week_start", "count", "status"]
        empty_text = _("No alert matches.")

    def render_level(self, record: HotspotAlert) -> Any:
        colour = "text-bg-danger" if record.level == AlertLevel.ALARM else "text-bg-warning"
        return format_html('<span class="badge {}">{}</span>', colour, record.get_level_display())

    def render_place(self, record: HotspotAlert) -> Any:
        return format_html(
            '<a href="{}">{} · {}</a>', record.get_absolute_url(), record.commune, record.topic
        )
