import datetime as dt

import pytest

from danvan.activities.models import (
    Conference,
    ConferenceKind,
    Dialogue,
    DialogueKind,
    Document,
    DocumentRole,
    Inspection,
    InspectionKind,
    WorkTask,
)
from danvan.activities.services import activity_create
from danvan.conftest import World
from danvan.units.models import UnitLevel

DAY = dt.date(2026, 3, 5)


@pytest.fixture
def conference(world: World) -> Conference:
    return activity_create(
        actor=None,
        model=Conference,
        unit=world.commune,
        date=DAY,
        title="Hội nghị học tập Nghị quyết thử",
        kind=ConferenceKind.PROPAGANDA,
        persons=40,
        attendances=55,
    )


@pytest.fixture
def document(world: World) -> Document:
    return activity_create(
        actor=None,
        model=Document,
        unit=world.commune,
        date=DAY,
        title="Kế hoạch thực hiện năm Dân vận khéo",
        code="23-KH/BDVTU",
        role=DocumentRole.LEAD,
    )


@pytest.fixture
def inspection(world: World) -> Inspection:
    return activity_create(
        actor=None,
        model=Inspection,
        unit=world.commune,
        date=DAY,
        title="Kiểm tra công tác dân vận thử",
        kind=InspectionKind.INSPECTION,
        organisations=3,
        members=12,
    )


@pytest.fixture
def dialogue(world: World) -> Dialogue:
    return activity_create(
        actor=None,
        model=Dialogue,
        unit=world.commune,
        date=DAY,
        title="Đối thoại với nhân dân về đất đai",
        kind=DialogueKind.PERIODIC,
        leader="Bí thư Đảng ủy xã",
        level=UnitLevel.objects.get(code="commune"),
        participants=120,
        opinions_raised=20,
        opinions_answered=15,
    )


@pytest.fixture
def task(world: World) -> WorkTask:
    return activity_create(
        actor=None,
        model=WorkTask,
        unit=world.commune,
        date=dt.date(2026, 1, 5),
        title="Xây dựng mô hình dân vận khéo thử",
        assignee="Ban Dân vận xã",
        responsibility="Chủ trì",
        method="Khảo sát, chọn điểm",
        expected_result="Một mô hình",
        deadline=dt.date(2026, 2, 1),
        progress=50,
    )
