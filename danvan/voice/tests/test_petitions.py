"""Every state change of a petition, through the services, logged; bad input writes nothing."""

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.audit.models import ChangeLogEntry
from danvan.conftest import Personas, World
from danvan.indicators.models import Cell, Indicator
from danvan.voice.models import (
    FileRole,
    Petition,
    PetitionStep,
    Severity,
    Source,
    State,
    StepAction,
    Topic,
)
from danvan.voice.services import (
    CODE_ALPHABET,
    petition_acknowledge,
    petition_answer,
    petition_close,
    petition_file,
    petition_rate,
    petition_return,
    petition_start,
    petition_transfer,
)
from danvan.voice.tests.conftest import local

PDF = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", "application/pdf")
ANSWER = "Đã làm việc với chủ đầu tư; tiền bồi thường được chi trả ngày 20/11/2026."


def _logged(petition: Petition) -> int:
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Petition), object_id=str(petition.pk)
    ).count()


def _steps(petition: Petition) -> list[str]:
    return list(petition.steps.values_list("action", flat=True))


def test_filing_sets_the_code_the_deadlines_and_routes_to_the_commune(
    petition: Petition, world: World
) -> None:
    assert petition.state == State.RECEIVED
    assert petition.unit == world.commune
    prefix, first, second = petition.code.split("-")
    assert prefix == "KN" and len(first) == len(second) == 5
    assert set(first + second) <= set(CODE_ALPHABET)
    # Monday 09:00 + 8 working hours: 2½ in the morning, 3½ in the afternoon, 2 on Tuesday.
    assert petition.acknowledge_due == local(2026, 11, 3, 9, 30)
    assert _steps(petition) == [StepAction.FILE]
    assert _logged(petition) == 1


def test_the_whole_way_received_acknowledged_in_progress_answered_closed(
    petition: Petition, personas: Personas
) -> None:
    officer = personas.commune_officer
    petition_acknowledge(actor=officer, petition=petition)
    petition_start(actor=officer, petition=petition)
    answered = petition_answer(actor=officer, petition=petition, answer=ANSWER, evidence=[PDF])
    assert answered.state == State.ANSWERED and answered.answered_at is not None
    assert answered.files.get().role == FileRole.EVIDENCE
    closed = petition_close(actor=officer, petition=petition, reason="Công dân đồng ý")
    assert closed.state == State.CLOSED
    assert _steps(petition) == ["file", "acknowledge", "start", "answer", "close"]
    states = list(petition.steps.values_list("to_state", flat=True))
    assert states == ["received", "acknowledged", "in_progress", "answered", "closed"]
    assert _logged(petition) == 5


def test_a_step_out_of_order_is_refused_and_writes_nothing(
    petition: Petition, personas: Personas
) -> None:
    with pytest.raises(ValidationError, match="Đã tiếp nhận"):
        petition_start(actor=personas.commune_officer, petition=petition)
    with pytest.raises(ValidationError):
        petition_close(actor=personas.commune_officer, petition=petition)
    petition.refresh_from_db()
    assert petition.state == State.RECEIVED and _steps(petition) == ["file"]


def test_an_answer_needs_its_text(petition: Petition, personas: Personas) -> None:
    petition_acknowledge(actor=personas.commune_officer, petition=petition)
    with pytest.raises(ValidationError, match="20"):
        petition_answer(actor=personas.commune_officer, petition=petition, answer="Đã xong.")
    petition.refresh_from_db()
    assert petition.state == State.ACKNOWLEDGED


def test_an_evidence_file_of_the_wrong_type_undoes_the_answer(
    petition: Petition, personas: Personas
) -> None:
    petition_acknowledge(actor=personas.commune_officer, petition=petition)
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf", "application/pdf")
    with pytest.raises(ValidationError, match="PDF"):
        petition_answer(
            actor=personas.commune_officer, petition=petition, answer=ANSWER, evidence=[fake]
        )
    petition.refresh_from_db()
    assert petition.state == State.ACKNOWLEDGED and not petition.files.exists()


def test_returning_needs_a_reason(petition: Petition, personas: Personas) -> None:
    with pytest.raises(ValidationError, match="lý do"):
        petition_return(actor=personas.commune_officer, petition=petition, reason=" ")
    returned = petition_return(
        actor=personas.commune_officer, petition=petition, reason="Thuộc thẩm quyền tòa án"
    )
    assert returned.state == State.RETURNED
    assert petition.steps.last().reason == "Thuộc thẩm quyền tòa án"  # type: ignore[union-attr]


def test_transferring_moves_the_petition_its_deadlines_and_its_count(
    petition: Petition, personas: Personas, world: World
) -> None:
    indicator = Indicator.objects.get(code="petitions")

    def own(unit_id: int) -> int:
        return sum(
            Cell.objects.filter(indicator=indicator, unit_id=unit_id).values_list("own", flat=True)
        )

    assert own(world.commune.pk) == 1
    with pytest.raises(PermissionDenied):  # the commune officer does not handle the other one
        petition_transfer(
            actor=personas.commune_officer, petition=petition, to=world.other_commune, reason="x"
        )
    moved = petition_transfer(
        actor=personas.province_officer,
        petition=petition,
        to=world.other_commune,
        reason="Dự án nằm trên địa bàn xã bên",
    )
    assert moved.unit == world.other_commune and moved.state == State.RECEIVED
    assert moved.acknowledge_due > local(2026, 11, 3, 9, 30)
    assert own(world.commune.pk) == 0 and own(world.other_commune.pk) == 1
    assert _steps(petition) == ["file", "transfer"]


def test_only_those_who_handle_it_may_move_it(petition: Petition, personas: Personas) -> None:
    for outsider in (personas.outsider, personas.nobody):
        with pytest.raises(PermissionDenied):
            petition_acknowledge(actor=outsider, petition=petition)
    assert _steps(petition) == ["file"]


def test_the_citizen_rates_the_answer_once_and_it_closes(
    petition: Petition, personas: Personas
) -> None:
    with pytest.raises(ValidationError):  # not answered yet
        petition_rate(code=petition.code, rating=5)
    petition_acknowledge(actor=personas.commune_officer, petition=petition)
    petition_answer(actor=personas.commune_officer, petition=petition, answer=ANSWER)
    with pytest.raises(ValidationError):
        petition_rate(code=petition.code, rating=6)
    rated = petition_rate(code=petition.code, rating=4, comment="Cảm ơn")
    assert rated.state == State.CLOSED and rated.rating == 4
    with pytest.raises(ValidationError):
        petition_rate(code=petition.code, rating=5)
    assert _steps(petition)[-1] == StepAction.RATE


def test_a_wrong_attachment_files_nothing(world: World, personas: Personas) -> None:
    before = Petition.objects.count()
    with pytest.raises(ValidationError, match="PDF"):
        petition_file(
            actor=personas.commune_officer,
            source=Source.FORM,
            topic=Topic.objects.get(code="environment"),
            commune=world.commune,
            severity=Severity.URGENT,
            title="Cá chết hàng loạt",
            text="Cá chết trên sông.",
            attachments=[SimpleUploadedFile("anh.exe", b"MZ", "application/octet-stream")],
        )
    assert Petition.objects.count() == before
    assert not PetitionStep.objects.exists()


def test_filing_outside_the_scope_is_refused(world: World, personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        petition_file(
            actor=personas.commune_officer,
            source=Source.FORM,
            topic=Topic.objects.get(code="other"),
            commune=world.other_commune,
            severity=Severity.NORMAL,
            title="Đèn đường hỏng",
            text="Đề nghị sửa đèn.",
        )


def test_a_dialogue_only_for_an_opinion_raised_at_a_dialogue(world: World) -> None:
    from danvan.activities.models import Dialogue, DialogueKind
    from danvan.units.models import UnitLevel

    dialogue = Dialogue.objects.create(
        unit=world.commune,
        date=local(2026, 10, 1, 8, 0).date(),
        title="Đối thoại với nhân dân",
        kind=DialogueKind.PERIODIC,
        leader="Bí thư Đảng ủy",
        level=UnitLevel.objects.get(code="commune"),
    )
    common: dict[str, Any] = {
        "actor": None,
        "topic": Topic.objects.get(code="land"),
        "commune": world.commune,
        "severity": Severity.NORMAL,
        "title": "Ý kiến cử tri",
        "text": "Đề nghị công khai quy hoạch.",
        "dialogue": dialogue,
    }
    with pytest.raises(ValidationError):
        petition_file(source=Source.PHONE, **common)
    filed = petition_file(source=Source.DIALOGUE, **common)
    assert filed.dialogue == dialogue
