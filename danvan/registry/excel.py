"""The registry in Excel: the import template, reading a filled file, and the export.

Headers are Vietnamese; coded columns have drop-down lists. A row is checked by the same
EntryForm as a single edit, and an error reads "Dòng 12, cột Lĩnh vực: …".
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped
from danvan.common import spreadsheets
from danvan.common.dates import format_date, parse_date
from danvan.common.numbers import parse_number
from danvan.common.spreadsheets import Column, inert_row
from danvan.common.text import fold
from danvan.registry.forms import VALUE_FIELDS, clean_row_values
from danvan.registry.models import Entry, EntryKind, ExemplarType, Field, MovementPeriod
from danvan.registry.selectors import entries_visible
from danvan.units.models import Unit

COLUMNS = [
    Column("Mã", "code", width=14, expected=True),
    Column("Tên mô hình, điển hình", "name", required=True, width=40),
    Column("Loại", "kind", required=True, width=12),
    Column("Tập thể/cá nhân", "exemplar_type", width=14),
    Column("Mã đơn vị quản lý", "unit", required=True, width=16),
    Column("Mã xã nơi thực hiện", "commune", width=16),
    Column("Lĩnh vực", "field", required=True, width=26),
    Column("Giai đoạn", "period", required=True, width=12),
    Column("Mô tả", "description", width=30),
    Column("Cách làm", "method", width=30),
    Column("Kết quả", "results", width=30),
    Column("Số liệu kết quả", "result_figure", width=12),
    Column("Đơn vị tính", "result_measure", width=12),
    Column("Người phụ trách", "leader", width=20),
    Column("Ngày bắt đầu", "start_date", width=12),
    Column("Nhân rộng từ mã", "copies", width=14),
]
REQUIRED = {column.name for column in COLUMNS if column.required}
KIND_LABELS = {"Mô hình": EntryKind.MODEL, "Điển hình": EntryKind.EXEMPLAR}
TYPE_LABELS = {"Tập thể": ExemplarType.COLLECTIVE, "Cá nhân": ExemplarType.INDIVIDUAL}


@dataclass
class ParsedRow:
    number: int  # the row number in the sheet, as Excel shows it
    code: str
    data: dict[str, Any]
    existing: Entry | None = None


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.rows if row.existing is None)

    @property
    def to_update(self) -> int:
        return sum(1 for row in self.rows if row.existing is not None)


def template_workbook() -> bytes:
    """An empty import template with the drop-down lists."""
    choices = {
        "kind": list(KIND_LABELS),
        "exemplar_type": list(TYPE_LABELS),
        "field": [f.name for f in Field.objects.all()],
        "period": [p.code for p in MovementPeriod.objects.all()],
    }
    return spreadsheets.template_workbook(COLUMNS, title="Mô hình, điển hình", choices=choices)


def read_workbook(content: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of the first sheet as {column name: text}, checked against the headers."""
    return spreadsheets.read_workbook(content, COLUMNS)


def parse_rows(*, user: AnyUser, rows: list[tuple[int, dict[str, str]]]) -> ParseResult:
    """Check every row; collect every error, in the officers' words.

    Codes are resolved once for the file, within the user's scope (owning units the user may
    edit, communes the user may see); each row's values are checked by EntryValuesForm and
    the entry's own rules (Entry.clean), as a single edit is.
    """
    result = ParseResult()
    header_of = {column.name: column.header for column in COLUMNS}
    fields = {fold(f.name): f for f in Field.objects.all()} | {
        f.code: f for f in Field.objects.all()
    }
    periods = {p.code: p for p in MovementPeriod.objects.all()}
    kinds = {fold(label): value for label, value in KIND_LABELS.items()}
    types = {fold(label): value for label, value in TYPE_LABELS.items()}
    codes = [row.get("code", "") for _n, row in rows if row.get("code")]
    existing = {
        e.code: e
        for e in entries_visible(user).select_related("unit", "commune").filter(code__in=codes)
    }
    unit_codes = {row.get(key, "") for _n, row in rows for key in ("unit", "commune")}
    in_force = Unit.objects.current().filter(code__in=unit_codes).select_related("level")
    owners = {u.code: u for u in scoped(user, in_force, unit_field="", minimum=Role.EDITOR)}
    communes = {
        u.code: u for u in scoped(user, in_force, unit_field="").filter(level__code="commune")
    }
    copy_codes = {row.get("copies", "") for _n, row in rows}
    copies = {e.code: e for e in entries_visible(user).filter(code__in=copy_codes)}
    seen: dict[str, int] = {}
    for number, row in rows:
        errors: list[str] = []

        def error(
            name: str, message: str, number: int = number, errors: list[str] = errors
        ) -> None:
            errors.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": number, "column": header_of.get(name, name), "message": message}
            )

        data: dict[str, Any] = {
            k: row.get(k, "")
            for k in (
                "name",
                "description",
                "method",
                "results",
                "result_measure",
                "leader",
                "start_date",
            )
        }
        code = row.get("code", "")
        if code in seen:
            error("code", _("the code is also on row %(row)s.") % {"row": seen[code]})
        if code:
            seen[code] = number
        entry = existing.get(code) if code else None
        if code and entry is None:
            error(
                "code",
                _("no entry has the code “%(code)s”; leave it empty for a new one.")
                % {"code": code},
            )
        for name, lookup, text in (
            ("kind", kinds, fold(row.get("kind", ""))),
            ("exemplar_type", types, fold(row.get("exemplar_type", ""))),
            ("field", fields, fold(row.get("field", ""))),
            ("period", periods, row.get("period", "").replace("\u2013", "-").replace(" ", "")),
        ):
            if not text:
                data[name] = "" if name in VALUE_FIELDS else None
                if name in REQUIRED:
                    error(name, _("this column must be filled in."))
            elif text in lookup:
                data[name] = lookup[text]
            else:
                error(name, _("“%(value)s” is not in the list.") % {"value": row.get(name, "")})
        for name, known in (("unit", owners), ("commune", communes)):
            text = row.get(name, "")
            # An entry keeps a unit that has since ended (as the edit form lets it): its code
            # may now name a new unit too, so an unchanged code means the same unit.
            kept = getattr(entry, name) if entry is not None else None
            if not text:
                data[name] = None
                if name in REQUIRED:
                    error(name, _("this column must be filled in."))
            elif kept is not None and kept.code == text:
                data[name] = kept
            elif text in known:
                data[name] = known[text]
            else:
                error(name, _("no unit you may use has the code “%(code)s”.") % {"code": text})
        if row.get("copies"):
            target = copies.get(row["copies"])
            if target is None:
                error("copies", _("no entry has the code “%(code)s”.") % {"code": row["copies"]})
            data["copies"] = target
        figure = row.get("result_figure", "")
        data["result_figure"] = parse_number(figure) if figure else ""
        if figure and data["result_figure"] is None:
            error("result_figure", _("“%(value)s” is not a number.") % {"value": figure})
        if data["start_date"]:
            try:
                data["start_date"] = format_date(parse_date(data["start_date"]))
            except ValueError:
                error(
                    "start_date",
                    _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": data["start_date"]},
                )
        values: dict[str, Any] = {}
        if not errors:
            links = {k: data.get(k) for k in ("unit", "commune", "field", "period", "copies")}
            checked, problems = clean_row_values(data, links)
            for name, messages in problems.items():
                for message in messages:
                    error(name, message)
            if checked is not None:
                values = {name: getattr(checked, name) for name in VALUE_FIELDS} | links
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(ParsedRow(number, code, values, existing=entry))
    return result


def export_workbook(entries: Iterable[Entry]) -> bytes:
    """The entries in the template's layout, plus status columns: re-importable."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Mô hình, điển hình")
    for index, width in enumerate([column.width for column in COLUMNS] + [18, 12], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C2"
    headers = [column.header for column in COLUMNS] + ["Trạng thái", "Từ ngày"]
    sheet.append(headers)
    kind_label = {value: label for label, value in KIND_LABELS.items()}
    type_label = {value: label for label, value in TYPE_LABELS.items()}
    for entry in entries:
        sheet.append(
            inert_row(
                sheet,
                [
                    entry.code,
                    entry.name,
                    kind_label[EntryKind(entry.kind)],
                    type_label.get(ExemplarType(entry.exemplar_type), "")
                    if entry.exemplar_type
                    else "",
                    entry.unit.code,
                    entry.commune.code if entry.commune else "",
                    entry.field.name,
                    entry.period.code,
                    entry.description,
                    entry.method,
                    entry.results,
                    float(entry.result_figure) if entry.result_figure is not None else None,
                    entry.result_measure,
                    entry.leader,
                    format_date(entry.start_date),
                    entry.copies.code
                    if entry.copies and getattr(entry, "copies_visible", False)
                    else "",
                    entry.get_status_display(),
                    format_date(entry.status_date),
                ],
            )
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
