"""The home page lists what waits for each officer, from every capability's declaration, with
counts and links to where the work is done; what is done no longer waits."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from danvan.awards.models import AwardType
from danvan.awards.services import batch_create, batch_submit, line_add
from danvan.conftest import Personas, World
from danvan.indicators.models import Indicator
from danvan.indicators.periods import Period
from danvan.indicators.services import report_save, report_submit
from danvan.news.services import article_ingest
from danvan.news.tests.articles import HA_TINH
from danvan.registry.models import EntryKind, Field, MovementPeriod
from danvan.registry.services import entry_create
from danvan.voice.models import Petition, Severity, Source, Topic
from danvan.voice.services import (
    petition_acknowledge,
    petition_answer,
    petition_file,
    petition_start,
)


def _waiting(client, label: str) -> tuple[int, str] | None:
    """The count and the link of the home page's line `label`, if it shows one."""
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    for work in response.context["pending"]:
        if str(work.label) == label:
            return work.count, work.url
    return None


def _overdue_petition(world: World) -> Petition:
    return petition_file(
        actor=None,
        source=Source.PHONE,
        topic=Topic.objects.get(code="land"),
        commune=world.commune,
        severity=Severity.NORMAL,
        title="Chậm chi trả tiền bồi thường",
        text="Đề nghị xã trả lời về tiến độ chi trả tiền bồi thường.",
        received_at=timezone.now() - dt.timedelta(days=40),
    )


def test_each_persona_sees_the_work_waiting_for_it(world: World, personas: Personas) -> None:
    entry_create(
        actor=None,
        name="Mô hình chờ đánh giá",
        kind=EntryKind.MODEL,
        unit=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
    )
    indicator = Indicator.objects.filter(enterable=True).first()
    assert indicator is not None
    report = report_save(
        actor=None, unit=world.commune, period=Period.parse("2026-Q1"), values={indicator.pk: 3}
    )
    report_submit(actor=None, report=report)
    batch = batch_create(
        actor=None, unit=world.commune, decider=world.province, title="Đợt thử", year=2026
    )
    line_add(
        actor=None,
        batch=batch,
        award_type=AwardType.objects.get(code="giay-khen"),
        unit=world.commune,
        collective_name="Chi hội Phụ nữ thôn Thử",
    )
    batch_submit(actor=None, batch=batch)
    article_ingest(actor=None, source_name="bai.txt", content=HA_TINH)
    _overdue_petition(world)

    province = personas.client(personas.province_officer)
    commune = personas.client(personas.commune_officer)
    outsider = personas.client(personas.outsider)
    expected = {
        "Mô hình, điển hình mới đăng ký chờ đánh giá": (province,),
        "Báo cáo định kỳ cần phê duyệt": (province,),
        "Đợt đề nghị khen thưởng cần xem xét": (province,),
        "Tin bài cần kiểm tra": (province,),
        "Kiến nghị quá hạn hoặc đến hạn trong một ngày": (province, commune),
    }
    for label, who in expected.items():
        for client in (province, commune, outsider):
            shown = _waiting(client, label)
            if client in who:
                assert shown is not None and shown[0] == 1, (label, shown)
                assert client.get(shown[1]).status_code == 200, (label, shown[1])
            else:
                assert shown is None, (label, client)


def test_an_answered_petition_no_longer_waits(world: World, personas: Personas) -> None:
    petition = _overdue_petition(world)
    commune = personas.client(personas.commune_officer)
    label = "Kiến nghị quá hạn hoặc đến hạn trong một ngày"
    assert _waiting(commune, label) == (1, f"{reverse('voice:list')}?overdue=true")
    officer = personas.commune_officer
    petition_acknowledge(actor=officer, petition=petition)
    petition_start(actor=officer, petition=petition)
    petition_answer(
        actor=officer, petition=petition, answer="Xã đã chi trả đủ tiền bồi thường cho các hộ."
    )
    assert _waiting(commune, label) is None
    page = commune.get(reverse("web:home")).content.decode()
    assert "Hiện không có việc nào chờ bạn." in page
