"""The people's mood rolls up like any indicator: a village team's report counts in its
commune and in the province, the same whether tracked on each write or rebuilt."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.conftest import Personas, World
from danvan.indicators.models import Cell, Indicator
from danvan.indicators.services import figures_rebuild
from danvan.voice.models import Tone, Topic
from danvan.voice.services import mood_report_create


def _figures() -> dict[tuple[str, int], int]:
    rows = Cell.objects.filter(indicator__code__startswith="mood-").values_list(
        "indicator__code", "unit_id", "now_total"
    )
    totals: dict[tuple[str, int], int] = {}
    for code, unit_id, value in rows:
        totals[(code, unit_id)] = totals.get((code, unit_id), 0) + value
    return totals


def test_mood_reports_roll_up_to_the_commune_and_the_province(
    world: World, personas: Personas
) -> None:
    land = Topic.objects.get(code="land")
    for tone, opinions in ((Tone.WORRIED, 12), (Tone.SUPPORTIVE, 30), (Tone.OPPOSED, 5)):
        report = mood_report_create(
            actor=personas.commune_officer,
            unit=world.teams[0],
            date=dt.date(2026, 11, 10),
            topic=land,
            tone=tone,
            opinions=opinions,
        )
        assert report.commune == world.commune
    figures = _figures()
    assert figures[("mood-opinions", world.province.pk)] == 47
    assert figures[("mood-opinions-concerned", world.commune.pk)] == 17
    assert figures[("mood-opinions-concerned", world.province.pk)] == 17
    figures_rebuild()
    assert _figures() == figures
    assert Indicator.objects.filter(code__startswith="mood-").count() == 2


def test_a_mood_report_outside_the_scope_or_in_the_future_writes_nothing(
    world: World, personas: Personas
) -> None:
    land = Topic.objects.get(code="land")
    with pytest.raises(PermissionDenied):
        mood_report_create(
            actor=personas.commune_officer,
            unit=world.other_commune,
            date=dt.date(2026, 11, 10),
            topic=land,
            tone=Tone.WORRIED,
            opinions=3,
        )
    with pytest.raises(ValidationError, match="tương lai"):
        mood_report_create(
            actor=personas.commune_officer,
            unit=world.commune,
            date=dt.date.today() + dt.timedelta(days=2),  # noqa: DTZ011
            topic=land,
            tone=Tone.WORRIED,
            opinions=3,
        )
    assert not _figures()
