"""Tables of records (django-tables2): one definition gives a list page its columns, sorting and
pages, and its Excel export the same columns with Vietnamese headers."""

from collections.abc import Iterator
from typing import Any, ClassVar

import django_tables2 as tables
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.common.dates import format_date
from danvan.common.numbers import format_number
from danvan.common.spreadsheets import list_workbook


class NumberColumn(tables.Column):
    """A count or an amount: "1.229" on the page, a number in Excel."""

    def __init__(self, *args: Any, decimals: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"th": {"class": "text-end"}, "td": {"class": "text-end"}})
        super().__init__(*args, **kwargs)
        self.decimals = decimals

    def render(self, value: Any) -> str:
        return format_number(value, self.decimals)

    def value(self, value: Any) -> Any:
        return value


class DateColumn(tables.Column):
    """A date: dd/mm/yyyy on the page, a date in Excel."""

    def render(self, value: Any) -> str:
        return format_date(value)

    def value(self, value: Any) -> Any:
        return value


class Table(tables.Table):
    """A list of records. Subclasses declare columns; `export_widths` sizes the Excel columns
    (by column name, 16 by default) and `sheet_name` names the sheet."""

    sheet_name: ClassVar[str] = "Danh sách"
    export_widths: ClassVar[dict[str, int]] = {}

    class Meta:
        template_name = "capability/table.html"
        attrs = {"class": "table table-sm table-hover align-middle table-cards"}
        empty_text = _("Nothing matches.")
        # A record's own columns say how they sort; names of other records do not.
        order_by_field = "sort"

    def export_rows(self) -> Iterator[list[Any]]:
        """The table's rows as values (dates, numbers, labels of choices), not as HTML."""
        rows = self.as_values()
        next(rows)  # the headers: `workbook` writes them in Vietnamese
        yield from rows

    def workbook(self) -> bytes:
        """The whole table (every page) as an Excel file, headers in Vietnamese whatever the
        interface language, as officers' files are."""
        columns = [c for c in self.columns.iterall() if not c.column.exclude_from_export]
        with translation.override("vi"):
            headers = [str(column.header) for column in columns]
            return list_workbook(
                sheet_name=self.sheet_name,
                headers=headers,
                widths=[self.export_widths.get(column.name, 16) for column in columns],
                rows=self.export_rows(),
            )
