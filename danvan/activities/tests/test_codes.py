"""Document codes are read into number, type and issuer; anything else is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from danvan.activities.codes import DocumentCode, parse_code
from danvan.activities.models import Document, DocumentRole
from danvan.activities.services import activity_create
from danvan.conftest import World

BAD_CODE = "Write the code as number-type/issuer, e.g. 32-CT/TU or 23-KH/BDVTU."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32-CT/TU", DocumentCode(32, "CT", "TU")),
        ("23-KH/BDVTU", DocumentCode(23, "KH", "BDVTU")),
        ("1207/QĐ-UBND", DocumentCode(1207, "QĐ", "UBND")),
        ("202/2025/QH15", DocumentCode(202, "", "QH15")),
        (" 05-hd/bdvtu ", DocumentCode(5, "HD", "BDVTU")),
        ("12-QĐi/TU", DocumentCode(12, "QĐi", "TU")),
    ],
)
def test_codes_are_read(text: str, expected: DocumentCode) -> None:
    assert parse_code(text) == expected


@pytest.mark.parametrize("text", ["", "CT-32/TU", "32-CT", "32/", "số 32", "32-CT/TU/x y"])
def test_other_text_is_not_a_code(text: str) -> None:
    with pytest.raises(ValueError):
        parse_code(text)


def test_a_document_stores_its_code_parts(world: World) -> None:
    document = activity_create(
        actor=None,
        model=Document,
        unit=world.commune,
        date=dt.date(2026, 3, 2),
        title="Quyết định thử",
        code="1207/QĐ-UBND",
        role=DocumentRole.GUIDE,
    )
    document.refresh_from_db()
    assert (document.number, document.doc_type, document.issuer) == (1207, "QĐ", "UBND")
    assert document.type_name == "Quyết định"


def test_a_bad_code_is_refused_in_the_users_language(world: World) -> None:
    with translation.override("vi"):
        with pytest.raises(ValidationError) as refused:
            activity_create(
                actor=None,
                model=Document,
                unit=world.commune,
                date=dt.date(2026, 3, 2),
                title="Văn bản thử",
                code="Chỉ thị 32",
                role=DocumentRole.LEAD,
            )
        # The Vietnamese catalogue's message, with examples an officer recognises.
        assert refused.value.message_dict["code"] == [gettext(BAD_CODE)]
        assert "32-CT/TU" in refused.value.message_dict["code"][0]
    assert not Document.objects.filter(title="Văn bản thử").exists()
