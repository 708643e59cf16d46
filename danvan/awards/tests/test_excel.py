"""A list sent up as Excel: a good file, and every way a row or a file can be wrong."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from danvan.awards import excel
from danvan.awards.models import AwardType, Batch, Person, ProposalLine
from danvan.awards.services import batch_create, lines_import
from danvan.awards.tests.conftest import make_person
from danvan.common.spreadsheets import ImportFileError
from danvan.conftest import Personas, World

HEADERS = [column.header for column in excel.COLUMNS]


def workbook(rows: list[dict[str, str]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(column.name, "") for column in excel.COLUMNS])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def new_person(world: World, **overrides: str) -> dict[str, str]:
    return {
        "kind": "Cá nhân",
        "name": "Nguyễn Thị Mới",
        "birth_date": "12/03/1978",
        "gender": "Nữ",
        "category": "Cán bộ chuyên trách công tác dân vận",
        "position": "Chuyên viên",
        "sector_since": "01/01/2005",
        "unit": world.commune.code,
        "award": "Kỷ niệm chương “Vì sự nghiệp Dân vận”",
        "achievement": "Nhiều năm gắn bó với cơ sở",
    } | overrides


@pytest.fixture
def batch(world: World) -> Batch:
    return batch_create(
        actor=None, unit=world.commune, decider=world.central, title="Danh sách", year=2026
    )


def parse(personas: Personas, world: World, rows: list[dict[str, str]]) -> excel.LinesResult:
    return excel.parse_lines(
        user=personas.commune_officer, unit=world.commune, rows=excel.read_workbook(workbook(rows))
    )


def test_a_good_list_imports_people_and_collectives(
    world: World, personas: Personas, batch: Batch
) -> None:
    known = make_person(world, name="Trần Văn Cũ", years=25)
    rows = [
        new_person(world),
        {
            "kind": "Cá nhân",
            "name": "Tran Van Cu",  # found by name without diacritics and birth date
            "birth_date": known.birth_date.strftime("%d/%m/%Y"),
            "unit": world.commune.code,
            "award": "ky-niem-chuong-dan-van",
        },
        {
            "kind": "Tập thể",
            "name": "Tổ dân vận thôn Một",
            "unit": world.commune.code,
            "award": "Giấy khen",
        },
    ]
    result = parse(personas, world, rows)
    assert result.errors == []
    assert lines_import(actor=personas.commune_officer, batch=batch, rows=result.rows) == 3
    assert batch.lines.count() == 3
    created = Person.objects.get(full_name="Nguyễn Thị Mới")
    assert created.service.get().start.year == 2005
    assert batch.lines.filter(person=known).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "Ai đó"}, "Dòng 2, cột Cá nhân/Tập thể: “Ai đó” không có trong danh sách."),
        ({"award": "Huy hiệu"}, "Dòng 2, cột Hình thức khen thưởng: “Huy hiệu” không có"),
        ({"unit": "99999"}, "Dòng 2, cột Mã đơn vị: không có đơn vị nào thuộc"),
        ({"name": ""}, "Dòng 2, cột Họ và tên hoặc tên tập thể: cột này không được để trống."),
        ({"birth_date": "31/02/1978"}, "Dòng 2, cột Ngày sinh: “31/02/1978” không phải là ngày"),
        ({"birth_date": ""}, "Dòng 2, cột Ngày sinh: hãy ghi ngày sinh hoặc mã cá nhân."),
        ({"gender": "?"}, "Dòng 2, cột Giới tính: ghi Nam hoặc Nữ"),
        ({"category": "Khác"}, "Dòng 2, cột Đối tượng: chọn đối tượng trong danh mục"),
        ({"sector_since": "năm 2005"}, "Dòng 2, cột Công tác trong ngành từ ngày: “năm 2005”"),
        ({"code": "CN-999999"}, "Dòng 2, cột Mã cá nhân: không có cá nhân nào bạn được xem"),
    ],
)
def test_every_row_error_is_named(
    world: World, personas: Personas, change: dict[str, str], message: str
) -> None:
    result = parse(personas, world, [new_person(world, **change)])
    assert result.rows == []
    assert any(error.startswith(message) for error in result.errors), result.errors


def test_the_same_proposal_twice_in_a_file(world: World, personas: Personas) -> None:
    result = parse(personas, world, [new_person(world), new_person(world)])
    assert result.errors == [
        "Dòng 3, cột Họ và tên hoặc tên tập thể: đề nghị này cũng có ở dòng 2."
    ]


def test_two_people_with_one_name_and_birth_date_need_a_code(
    world: World, personas: Personas
) -> None:
    make_person(world, name="Lê Văn Trùng")
    make_person(world, name="Le Van Trung")
    row = new_person(world, name="Lê Văn Trùng", birth_date="19/05/1975")
    result = parse(personas, world, [row])
    assert "hãy ghi mã cá nhân" in result.errors[0]


def test_an_ineligible_row_writes_nothing(world: World, personas: Personas, batch: Batch) -> None:
    rows = [
        new_person(world),
        new_person(world, name="Phạm Văn Trẻ", sector_since="01/01/2020", gender="Nam"),
    ]
    result = parse(personas, world, rows)
    assert result.errors == []
    with pytest.raises(ValidationError) as caught:
        lines_import(actor=personas.commune_officer, batch=batch, rows=result.rows)
    assert caught.value.messages[0].startswith("Dòng 3: Phạm Văn Trẻ: Chưa đủ điều kiện")
    assert not ProposalLine.objects.filter(batch=batch).exists()
    assert not Person.objects.filter(full_name="Nguyễn Thị Mới").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a spreadsheet", "Đây không phải tệp Excel"),
        (workbook([], headers=["Tên"]), "Thiếu các cột"),
        (workbook([]), "Tệp không có dòng nào"),
    ],
)
def test_a_wrong_file_is_refused_whole(db: None, content: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        excel.read_workbook(content)


def test_the_template_has_the_award_types(db: None) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(excel.template_workbook()))
    assert [c.value for c in book.worksheets[0][1]] == HEADERS
    lists = [c.value for row in book["Danh mục"].iter_rows() for c in row]
    assert AwardType.objects.get(code="bang-khen").name in lists
