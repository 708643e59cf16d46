import datetime as dt

import pytest
from django.utils import timezone

from danvan.conftest import World
from danvan.units.models import Unit
from danvan.voice.models import Petition, Severity, Source, Tone, Topic
from danvan.voice.services import mood_report_create, petition_file


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An aware datetime in Vietnam's time zone."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))  # noqa: DTZ001


@pytest.fixture
def petition(world: World) -> Petition:
    return petition_file(
        actor=None,
        source=Source.PHONE,
        topic=Topic.objects.get(code="land"),
        commune=world.commune,
        severity=Severity.NORMAL,
        title="Chậm chi trả tiền bồi thường",
        text="Đề nghị xã trả lời về tiến độ chi trả tiền bồi thường.",
        contact_name="Bà Hoàng Thị Riêng",
        contact_phone="0987654321",
        contact_address="Thôn Riêng Tư",
        received_at=local(2026, 11, 2, 9, 0),
    )


def surge_in(commune: Unit, reporter: Unit) -> list[int]:
    """Land complaints in `commune`: a quiet quarter, then eight in the week of 16/11/2026,
    with worried and opposed mood reports from `reporter` (the commune or a village team)."""
    land = Topic.objects.get(code="land")
    ids = []
    week = dt.date(2026, 11, 16)  # a Monday
    for back in range(3, 14, 3):
        petition_file(
            actor=None,
            source=Source.PHONE,
            topic=land,
            commune=commune,
            severity=Severity.NORMAL,
            title="Tranh chấp đất",
            text="Tranh chấp ranh giới đất.",
            received_at=local(2026, 11, 17, 9, 0) - dt.timedelta(weeks=back),
        )
    for day in range(6):
        ids.append(
            petition_file(
                actor=None,
                source=Source.VILLAGE_TEAM,
                topic=land,
                commune=commune,
                severity=Severity.COMPLEX,
                title="Bồi thường giải phóng mặt bằng",
                text="Nhân dân chưa đồng thuận giá bồi thường.",
                received_at=local(2026, 11, 16 + day % 5, 9, 0),
            ).pk
        )
    for tone in (Tone.WORRIED, Tone.OPPOSED):
        mood_report_create(
            actor=None,
            unit=reporter,
            date=week,
            topic=land,
            tone=tone,
            opinions=20,
            notable="Lo lắng về giá bồi thường",
        )
    return ids


@pytest.fixture
def surge(world: World) -> list[int]:
    """Land complaints in the first commune, reported by its first village team."""
    return surge_in(world.commune, world.teams[0])
