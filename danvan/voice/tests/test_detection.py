"""Each detector on known series, and the weekly scan of a province that stores why it fired."""

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from danvan.conftest import Personas, World
from danvan.voice import detection
from danvan.voice.hotspots import hotspots_detect, province_communes
from danvan.voice.models import (
    AlertLevel,
    AlertStatus,
    HotspotAlert,
    Method,
    MoodReport,
    Topic,
)
from danvan.voice.services import (
    alert_acknowledge,
    alert_assign,
    alert_resolve,
)
from danvan.voice.tests.conftest import surge_in

QUIET = [1, 0, 2, 1, 1, 0, 1, 2, 1, 1, 0, 1]


def test_ears_c2_fires_on_a_jump_and_says_its_baseline() -> None:
    signals = detection.ears_c2([*QUIET, 9])
    assert [s.index for s in signals] == [12]
    signal = signals[0]
    # Baseline: weeks 3..9, the seven weeks ending two weeks before week 12.
    assert signal.baseline == pytest.approx(np.mean(QUIET[3:10]), abs=1e-3)
    assert signal.statistic > signal.threshold == detection.C2_THRESHOLD


def test_ears_c2_stays_quiet_on_ordinary_weeks_and_on_small_counts() -> None:
    assert detection.ears_c2([*QUIET, 2, 1, 3]) == []
    # Far above a baseline of zero, but three cases are within ordinary variation.
    assert detection.ears_c2([0] * 12 + [3]) == []


def test_cusum_adds_up_a_sustained_rise_that_c2_misses() -> None:
    series = [1] * 10 + [3, 4, 4, 4, 4]
    assert detection.ears_c2(series) == []
    signals = detection.cusum(series)
    assert signals and signals[0].index == 13
    assert signals[0].statistic > detection.CUSUM_H


def test_the_scan_finds_neighbouring_communes_that_rise_together() -> None:
    rng = np.random.default_rng(7)
    points = [(18.0 + 0.1 * (i // 5), 105.5 + 0.1 * (i % 5)) for i in range(25)]
    counts = rng.poisson(1.0, size=(25, 16))
    counts[[0, 1, 5], -1] += 6  # three neighbours in the corner, last week
    cluster = detection.permutation_scan(counts, points, replicates=99, seed=1)
    assert cluster is not None and cluster.significant
    assert set(cluster.hot) <= {0, 1, 5, 6} and {0, 1, 5} & set(cluster.hot)
    assert cluster.p_value <= detection.SCAN_P_VALUE


def test_the_scan_finds_nothing_significant_in_even_counts() -> None:
    points = [(18.0 + 0.1 * (i // 5), 105.5 + 0.1 * (i % 5)) for i in range(25)]
    counts = np.full((25, 16), 2)
    cluster = detection.permutation_scan(counts, points, replicates=99, seed=1)
    assert cluster is None or not cluster.significant


def test_the_weekly_scan_raises_an_alert_that_says_why(world: World, surge: list[int]) -> None:
    alerts = hotspots_detect(province=world.province, week_start=dt.date(2026, 11, 18))
    c2 = next(a for a in alerts if a.method == Method.EARS_C2)
    assert c2.commune == world.commune and c2.week_start == dt.date(2026, 11, 16)
    assert c2.count == 8 and c2.statistic > c2.threshold
    assert set(c2.petitions.values_list("pk", flat=True)) == set(surge)
    assert c2.mood_reports.count() == 2
    assert c2.explanation.startswith("Tuần từ 16/11/2026: 8 kiến nghị")
    assert "ngưỡng" in c2.explanation
    assert c2.level in AlertLevel.values
    # The same week again raises nothing new.
    assert hotspots_detect(province=world.province, week_start=dt.date(2026, 11, 16)) == []
    assert world.commune in province_communes(world.province)


def test_officers_acknowledge_assign_and_resolve_an_alert(
    world: World, surge: list[int], personas: Personas
) -> None:
    alert = hotspots_detect(province=world.province, week_start=dt.date(2026, 11, 16))[0]
    alert = alert_acknowledge(actor=personas.commune_officer, alert=alert)
    assert alert.status == AlertStatus.ACKNOWLEDGED
    with pytest.raises(ValidationError, match="không có quyền"):
        alert_assign(actor=personas.province_officer, alert=alert, assignee=personas.outsider)
    alert = alert_assign(
        actor=personas.province_officer, alert=alert, assignee=personas.commune_officer
    )
    assert alert.status == AlertStatus.ASSIGNED and alert.assignee == personas.commune_officer
    alert = alert_resolve(
        actor=personas.commune_officer, alert=alert, note="Đã tổ chức đối thoại với các hộ dân"
    )
    assert HotspotAlert.objects.get(pk=alert.pk).status == AlertStatus.RESOLVED


def test_the_api_shows_of_a_cluster_only_what_the_caller_sees(
    world: World, surge: list[int], personas: Personas
) -> None:
    """Found while fuzzing the API: a cluster alert of the commune officer's commune named the
    neighbouring commune and listed its petitions, which the alert's page leaves out."""
    neighbour = surge_in(world.other_commune, world.other_commune)
    alert = HotspotAlert.objects.create(
        province=world.province,
        commune=world.commune,
        topic=Topic.objects.get(code="land"),
        method=Method.SCAN,
        level=AlertLevel.ALARM,
        week_start=dt.date(2026, 11, 16),
        count=16,
        statistic=12.5,
        baseline=3.0,
        threshold=0.05,
        explanation="Cụm hai xã",
    )
    alert.communes.set([world.commune, world.other_commune])
    alert.petitions.set([*surge, *neighbour])
    alert.mood_reports.set(MoodReport.objects.all())
    own_moods = set(MoodReport.objects.filter(commune=world.commune).values_list("pk", flat=True))
    commune = personas.client(personas.commune_officer)
    seen = commune.get(f"/api/voice/hotspots/{alert.pk}/").json()
    assert seen["communes"] == [world.commune.pk]
    assert set(seen["petitions"]) == set(surge)
    assert set(seen["mood_reports"]) == own_moods
    province = personas.client(personas.province_officer)
    whole = province.get("/api/voice/hotspots/").json()["results"][0]
    assert set(whole["communes"]) == {world.commune.pk, world.other_commune.pk}
    assert set(whole["petitions"]) == {*surge, *neighbour}
