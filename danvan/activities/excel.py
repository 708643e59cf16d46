"""Activities out to Excel: the filtered list of one kind, one row per activity.

Headers are the officers' Vietnamese words whatever the interface language, like the
registry's files; choices are written in Vietnamese through the catalogue.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.activities.models import (
    Activity,
    Conference,
    Dialogue,
    Document,
    Inspection,
    WorkTask,
)
from danvan.common.spreadsheets import inert_row

DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 14


def _field(name: str) -> Callable[[Any], Any]:
    return lambda activity: getattr(activity, name)


def _display(name: str) -> Callable[[Any], Any]:
    return lambda activity: str(getattr(activity, f"get_{name}_display")())


def _yes(name: str) -> Callable[[Any], Any]:
    return lambda activity: "Có" if getattr(activity, name) else "Không"


UNIT_COLUMNS = [
    Column("Đơn vị", lambda activity: activity.unit.name, 30),
    Column("Mã đơn vị", lambda activity: activity.unit.code, 12),
]

COLUMNS: dict[type[Activity], list[Column]] = {
    Conference: [
        Column("Ngày", _field("date"), 12),
        Column("Tên hội nghị, lớp tập huấn", _field("title"), 40),
        Column("Loại", _display("kind")),
        Column("Do ngành dân vận tổ chức", _yes("by_sector")),
        Column("Đối tượng", _field("target_group"), 24),
        Column("Số người tham dự", _field("persons")),
        Column("Số lượt người tham dự", _field("attendances")),
        *UNIT_COLUMNS,
    ],
    Document: [
        Column("Ngày ban hành", _field("date"), 12),
        Column("Số, ký hiệu", _field("code"), 18),
        Column("Số", _field("number"), 8),
        Column("Loại văn bản", lambda document: document.type_name, 16),
        Column("Cơ quan ban hành", _field("issuer"), 14),
        Column("Trích yếu", _field("title"), 50),
        Column("Vai trò", _display("role"), 18),
        *UNIT_COLUMNS,
    ],
    Inspection: [
        Column("Ngày", _field("date"), 12),
        Column("Nội dung", _field("title"), 40),
        Column("Hình thức", _display("kind")),
        Column("Số tổ chức đảng được kiểm tra, giám sát", _field("organisations")),
        Column("Số đảng viên được kiểm tra, giám sát", _field("members")),
        Column("Kết luận", _field("conclusions"), 40),
        *UNIT_COLUMNS,
    ],
    Dialogue: [
        Column("Ngày", _field("date"), 12),
        Column("Nội dung", _field("title"), 40),
        Column("Hình thức", _display("kind")),
        Column("Cấp", lambda dialogue: dialogue.level.name),
        Column("Người chủ trì", _field("leader"), 24),
        Column("Số người tham dự", _field("participants")),
        Column("Số ý kiến, kiến nghị", _field("opinions_raised")),
        Column("Số ý kiến trả lời tại chỗ", _field("opinions_answered")),
        Column("Ghi chú", _field("note"), 30),
        *UNIT_COLUMNS,
    ],
    WorkTask: [
        Column("Kế hoạch", _field("plan"), 24),
        Column("Nhiệm vụ (rõ việc)", _field("title"), 40),
        Column("Người thực hiện (rõ người)", _field("assignee"), 24),
        Column("Trách nhiệm (rõ trách nhiệm)", _field("responsibility"), 24),
        Column("Cách làm (rõ cách làm)", _field("method"), 30),
        Column("Kết quả dự kiến (rõ kết quả)", _field("expected_result"), 30),
        Column("Ngày giao", _field("date"), 12),
        Column("Thời hạn", _field("deadline"), 12),
        Column("Tiến độ (%)", _field("progress"), 10),
        Column("Ngày hoàn thành", _field("done_on"), 12),
        Column("Kết quả", _field("result"), 30),
        Column("Quá hạn", lambda task: "Có" if task.is_late else "", 10),
        *UNIT_COLUMNS,
    ],
}

SHEET_NAMES: dict[type[Activity], str] = {
    Conference: "Hội nghị, tập huấn",
    Document: "Văn bản ban hành",
    Inspection: "Kiểm tra, giám sát",
    Dialogue: "Tiếp xúc, đối thoại",
    WorkTask: "Nhiệm vụ trọng tâm",
}

FILE_NAMES: dict[type[Activity], str] = {
    Conference: "hoi-nghi-tap-huan",
    Document: "van-ban-ban-hanh",
    Inspection: "kiem-tra-giam-sat",
    Dialogue: "tiep-xuc-doi-thoai",
    WorkTask: "nhiem-vu-trong-tam",
}


def _cell(sheet: Worksheet, value: Any) -> Any:
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def export_workbook(model: type[Activity], activities: Iterable[Activity]) -> bytes:
    columns = COLUMNS[model]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_NAMES[model])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    headers = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        headers.append(cell)
    sheet.append(headers)
    with translation.override("vi"):
        for activity in activities:
            cells = [_cell(sheet, column.value(activity)) for column in columns]
            sheet.append(inert_row(sheet, cells))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
