"""Proposal lists in Excel: the template, reading a list sent up into a batch, the export.

A row names a person (by code, or by name and birth date; someone not yet in the registry is
added with the row's details) or a collective, the award and the achievement. Every error
reads "Dòng 12, cột Ngày sinh: …" and nothing is written while one remains.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from danvan.accounts.models import Role
from danvan.accounts.selectors import AnyUser, scoped
from danvan.awards.models import (
    Award,
    AwardType,
    Gender,
    Person,
    PersonCategory,
    RecipientKind,
)
from danvan.awards.selectors import people_visible
from danvan.common import spreadsheets
from danvan.common.dates import format_date, parse_date
from danvan.common.spreadsheets import Column, inert_row
from danvan.common.text import fold
from danvan.units.models import Unit

COLUMNS = [
    Column("Cá nhân/Tập thể", "kind", required=True, width=14),
    Column("Mã cá nhân", "code", width=12, expected=True),
    Column("Họ và tên hoặc tên tập thể", "name", required=True, width=32),
    Column("Ngày sinh", "birth_date", width=12),
    Column("Giới tính", "gender", width=10),
    Column("Đối tượng", "category", width=30),
    Column("Chức vụ", "position", width=28),
    Column("Công tác trong ngành từ ngày", "sector_since", width=14),
    Column("Mã đơn vị", "unit", required=True, width=12),
    Column("Hình thức khen thưởng", "award", required=True, width=32),
    Column("Thành tích", "achievement", width=40),
]
KIND_LABELS = {"Cá nhân": RecipientKind.INDIVIDUAL, "Tập thể": RecipientKind.COLLECTIVE}
GENDER_LABELS = {"Nam": Gender.MALE, "Nữ": Gender.FEMALE}


@dataclass
class LineRow:
    number: int
    data: dict[str, Any]  # award_type, unit, achievement, and person or collective_name
    new_person: dict[str, Any] | None = None  # for someone not yet in the registry
    sector_since: Any = None


@dataclass
class LinesResult:
    rows: list[LineRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def template_workbook() -> bytes:
    choices = {
        "kind": list(KIND_LABELS),
        "gender": list(GENDER_LABELS),
        "category": [c.name for c in PersonCategory.objects.all()],
        "award": [t.name for t in AwardType.objects.all()],
    }
    return spreadsheets.template_workbook(COLUMNS, title="Danh sách đề nghị", choices=choices)


def read_workbook(content: bytes) -> list[tuple[int, dict[str, str]]]:
    return spreadsheets.read_workbook(content, COLUMNS)


def parse_lines(
    *, user: AnyUser, unit: Unit, rows: list[tuple[int, dict[str, str]]]
) -> LinesResult:
    """Check every row against the registry (within the user's scope and the batch's unit);
    collect every error. The once-per-person rule and eligibility are checked when the rows
    are written, by the same service as a single proposal."""
    result = LinesResult()
    header_of = {column.name: column.header for column in COLUMNS}
    kinds = {fold(label): value for label, value in KIND_LABELS.items()}
    genders = {fold(label): value for label, value in GENDER_LABELS.items()}
    categories = {fold(c.name): c for c in PersonCategory.objects.all()} | {
        c.code: c for c in PersonCategory.objects.all()
    }
    awards = {fold(t.name): t for t in AwardType.objects.all()} | {
        t.code: t for t in AwardType.objects.all()
    }
    unit_codes = {row.get("unit", "") for _n, row in rows}
    units = {
        u.code: u
        for u in scoped(
            user,
            Unit.objects.current().filter(code__in=unit_codes, path__startswith=unit.path),
            unit_field="",
            minimum=Role.EDITOR,
        )
    }
    people = people_visible(user)
    by_code = {p.code: p for p in people.filter(code__in={r.get("code", "") for _n, r in rows})}
    seen: dict[tuple[str, str], int] = {}
    for number, row in rows:
        errors: list[str] = []

        def error(
            name: str, message: str, number: int = number, errors: list[str] = errors
        ) -> None:
            errors.append(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": number, "column": header_of[name], "message": message}
            )

        data: dict[str, Any] = {"achievement": row.get("achievement", "")}
        kind = kinds.get(fold(row.get("kind", "")))
        if kind is None:
            error("kind", _("“%(value)s” is not in the list.") % {"value": row.get("kind", "")})
        award = awards.get(fold(row.get("award", ""))) or awards.get(row.get("award", ""))
        if award is None:
            error("award", _("“%(value)s” is not in the list.") % {"value": row.get("award", "")})
        data["award_type"] = award
        data["unit"] = units.get(row.get("unit", ""))
        if data["unit"] is None:
            error(
                "unit",
                _("no unit under %(unit)s that you may use has the code “%(code)s”.")
                % {"unit": unit, "code": row.get("unit", "")},
            )
        name = row.get("name", "")
        if not name:
            error("name", _("this column must be filled in."))
        line = LineRow(number, data)
        if kind == RecipientKind.COLLECTIVE:
            data["collective_name"] = name
            who = f"collective:{fold(name)}"
        elif kind == RecipientKind.INDIVIDUAL:
            who = _person_of(row, line, people, by_code, genders, categories, error)
        else:
            who = ""
        key = (who, award.code if award else "")
        if who and key in seen:
            error("name", _("the same proposal is also on row %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, number)
        if errors:
            result.errors.extend(errors)
        else:
            result.rows.append(line)
    return result


def _person_of(
    row: dict[str, str],
    line: LineRow,
    people: QuerySet[Person],
    by_code: dict[str, Person],
    genders: dict[str, Gender],
    categories: dict[str, PersonCategory],
    error: Callable[[str, str], None],
) -> str:
    """Find the row's person, or describe the one to add; returns a key for duplicates."""
    code, name = row.get("code", ""), row.get("name", "")
    if code:
        person = by_code.get(code)
        if person is None:
            error("code", _("no person you may see has the code “%(code)s”.") % {"code": code})
            return ""
        if name and fold(name) != fold(person.full_name):
            error(
                "code",
                _("the code %(code)s is %(person)s, not %(name)s.")
                % {"code": code, "person": person, "name": name},
            )
            return ""
        line.data["person"] = person
        return f"person:{person.pk}"
    text = row.get("birth_date", "")
    try:
        birth_date = parse_date(text) if text else None
    except ValueError:
        error("birth_date", _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": text})
        return ""
    if birth_date is None:
        error("birth_date", _("give the birth date, or the person's code."))
        return ""
    matches = [p for p in people.filter(birth_date=birth_date) if fold(p.full_name) == fold(name)]
    if len(matches) > 1:
        error(
            "code",
            _("several people are called %(name)s, born on %(day)s (%(codes)s): give the code.")
            % {
                "name": name,
                "day": format_date(birth_date),
                "codes": ", ".join(p.code for p in matches),
            },
        )
        return ""
    if matches:
        line.data["person"] = matches[0]
        return f"person:{matches[0].pk}"
    gender = genders.get(fold(row.get("gender", "")))
    category = categories.get(fold(row.get("category", ""))) or categories.get(
        row.get("category", "")
    )
    if gender is None:
        error("gender", _("write Nam or Nữ for someone new to the registry."))
    if category is None:
        error("category", _("choose a category from the list for someone new to the registry."))
    since_text = row.get("sector_since", "")
    try:
        line.sector_since = parse_date(since_text) if since_text else None
    except ValueError:
        error("sector_since", _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": since_text})
    line.new_person = {
        "full_name": name,
        "birth_date": birth_date,
        "gender": gender,
        "category": category,
        "position": row.get("position", ""),
    }
    return f"new:{fold(name)}:{birth_date.isoformat()}"


def export_awards(awards: Iterable[Award]) -> bytes:
    """Awards given, one row each, as officers send them on."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Khen thưởng")
    headers = [
        ("STT", 6),
        ("Hình thức", 32),
        ("Cá nhân/Tập thể", 14),
        ("Họ và tên hoặc tên tập thể", 32),
        ("Ngày sinh", 12),
        ("Đơn vị", 30),
        ("Quyết định", 18),
        ("Ngày quyết định", 14),
        ("Cơ quan quyết định", 30),
        ("Thu hồi ngày", 14),
    ]
    for index, (_header, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([header for header, _width in headers])
    kind_label = {value: label for label, value in KIND_LABELS.items()}
    for number, award in enumerate(awards, start=1):
        sheet.append(
            inert_row(
                sheet,
                [
                    number,
                    award.award_type.name,
                    kind_label[RecipientKind(award.recipient_kind)],
                    award.recipient,
                    format_date(award.person.birth_date) if award.person else "",
                    award.unit.name,
                    award.decision_number,
                    format_date(award.decided_on),
                    award.giver,
                    format_date(award.revoked_on),
                ],
            )
        )
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
