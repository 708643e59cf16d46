import datetime as dt

import pytest

from danvan.conftest import World
from danvan.registry.models import Entry, EntryKind, Field, MovementPeriod
from danvan.registry.services import entry_create


@pytest.fixture
def entry(world: World) -> Entry:
    return entry_create(
        actor=None,
        name="Mô hình “Tuyến đường hoa” thử",
        kind=EntryKind.MODEL,
        unit=world.commune,
        commune=world.commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
        start_date=dt.date(2024, 3, 1),
    )
