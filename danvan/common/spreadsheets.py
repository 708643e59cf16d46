"""Excel lists in and out, the same way for every import: a template with Vietnamese headers
and drop-down lists, and a reader that checks the file before any row is looked at.

Each import (registry, award proposals) declares its columns and checks its own rows.
"""

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.common.dates import format_date
from danvan.common.text import fold, normalize

MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
FORMULA_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    header: str  # as printed in the file (Vietnamese, the officers' words)
    name: str  # the field it fills
    required: bool = False  # every row must fill it
    width: int = 18
    expected: bool = False  # the header must be there, even if rows may leave it empty


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, wrong headers, empty, too big)."""


def template_workbook(columns: list[Column], *, title: str, choices: dict[str, list[str]]) -> bytes:
    """An empty import template: required headers shaded, drop-down lists for `choices`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    lists = book.create_sheet("Danh mục")
    list_index = 0
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.name in choices:
            values = choices[column.name]
            list_index += 1
            lists.cell(row=1, column=list_index, value=column.header)
            for row, value in enumerate(values, start=2):
                lists.cell(row=row, column=list_index, value=value)
            letter = get_column_letter(list_index)
            validation = DataValidation(
                type="list",
                formula1=f"='Danh mục'!${letter}$2:${letter}${len(values) + 1}",
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn {column.header} trong danh sách.",
            )
            target = get_column_letter(index)
            validation.add(f"{target}2:{target}{MAX_ROWS}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def inert_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row to append in which text stays text: a name typed as "=HYPERLINK(…)" is shown,
    never run, in the officer's Excel (formula injection). openpyxl would store any string
    starting with "=" as a formula; "+", "-" and "@" start formulas in other programs."""
    row = []
    for value in values:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    return row


def list_workbook(
    *, sheet_name: str, headers: list[str], rows: Iterable[Iterable[Any]], widths: list[int]
) -> bytes:
    """A list out to Excel: bold frozen headers, dates shown dd/mm/yyyy, numbers as numbers,
    text kept text (`inert_row`); written row by row, so a long list costs little memory."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(inert_row(sheet, cells))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def read_workbook(content: bytes, columns: list[Column]) -> list[tuple[int, dict[str, str]]]:
    """The rows of the first sheet as {column name: text}, checked against the headers."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 20 MB: split it into smaller files."))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFileError(_("This is not an Excel file (.xlsx). Save it as .xlsx and retry."))
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return _rows_of(book, columns)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl and its XML parser raise many kinds for a damaged file
        raise ImportFileError(_("The Excel file cannot be read: it may be damaged.")) from exc


def _rows_of(book: Any, columns: list[Column]) -> list[tuple[int, dict[str, str]]]:
    if not book.worksheets:
        raise ImportFileError(_("The file is empty."))
    sheet = book.worksheets[0]
    if sheet.sheet_state != "visible":  # rows nobody sees must not be written unseen
        raise ImportFileError(
            _("The first sheet of the file is hidden: put the list on a visible first sheet.")
        )
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(_("The file is empty."))
    found = {
        fold(cell_text(value)): index for index, value in enumerate(header) if value is not None
    }
    positions: dict[str, int] = {}
    missing = []
    for column in columns:
        index = found.get(fold(column.header))
        if index is None:
            if column.required or column.expected:
                missing.append(column.header)
        else:
            positions[column.name] = index
    if missing:
        raise ImportFileError(
            _("These columns are missing from the first row: %(columns)s. Use the template.")
            % {"columns": ", ".join(missing)}
        )
    result = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise ImportFileError(
                _("The file has more than %(max)s rows.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        if values is None or all(value in (None, "") for value in values):
            continue
        row: dict[str, str] = {}
        for name, index in positions.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, dt.datetime | dt.date):
                value = format_date(value if isinstance(value, dt.date) else value.date())
            row[name] = cell_text(value)
        result.append((number, row))
    if not result:
        raise ImportFileError(_("The file has no rows below the headers."))
    return result
