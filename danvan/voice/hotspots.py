"""Weekly hot-spot detection over petitions and worried or opposed mood reports.

For each commune and topic, EARS C2 and CUSUM on the weekly counts; for each topic, the
space-time permutation scan over the province's communes (their coordinates come with the
official units). Every alert keeps its statistic, baseline, threshold and records, and
explains in Vietnamese why it fired.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.common.dates import format_date
from danvan.common.numbers import format_number
from danvan.units.models import Unit
from danvan.voice import detection
from danvan.voice.models import (
    CONCERNED_TONES,
    AlertLevel,
    DetectionRun,
    HotspotAlert,
    Method,
    MoodReport,
    Petition,
    Topic,
)

HISTORY_WEEKS = 16
SCAN_REPLICATES = 199


def week_of(day: dt.date) -> dt.date:
    """The Monday of the day's week."""
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(now: dt.datetime | None = None) -> dt.date:
    today = timezone.localdate(now) if now else timezone.localdate()
    return week_of(today) - dt.timedelta(days=7)


def province_communes(province: Unit) -> list[Unit]:
    """The communes in force of the province that have coordinates (blocks excluded)."""
    return list(
        Unit.objects.current()
        .filter(level__code="commune", path__startswith=province.path)
        .exclude(kind__code="block")
        .exclude(latitude__isnull=True)
        .order_by("code")
    )


@dataclass
class Events:
    """The records of the weeks scanned, by (commune index, topic id, week index)."""

    counts: dict[tuple[int, int], np.ndarray]
    petitions: dict[tuple[int, int, int], list[int]]
    moods: dict[tuple[int, int, int], list[int]]


def _events(communes: list[Unit], first: dt.date, weeks: int) -> Events:
    index = {unit.pk: n for n, unit in enumerate(communes)}
    last = first + dt.timedelta(days=7 * weeks - 1)
    counts: dict[tuple[int, int], np.ndarray] = defaultdict(lambda: np.zeros(weeks, dtype=int))
    petitions: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    moods: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    rows = Petition.objects.filter(
        commune_id__in=index, received_on__range=(first, last)
    ).values_list("pk", "commune_id", "topic_id", "received_on")
    for pk, commune_id, topic_id, day in rows:
        week = (day - first).days // 7
        counts[(index[commune_id], topic_id)][week] += 1
        petitions[(index[commune_id], topic_id, week)].append(pk)
    reports = MoodReport.objects.filter(
        commune_id__in=index, date__range=(first, last), tone__in=CONCERNED_TONES
    ).values_list("pk", "commune_id", "topic_id", "date")
    for pk, commune_id, topic_id, day in reports:
        week = (day - first).days // 7
        counts[(index[commune_id], topic_id)][week] += 1
        moods[(index[commune_id], topic_id, week)].append(pk)
    return Events(counts=counts, petitions=petitions, moods=moods)


def _number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 1)


def _explain_series(
    method: str, commune: Unit, topic: Topic, week: dt.date, signal: detection.Signal
) -> str:
    values = {
        "week": format_date(week),
        "count": format_number(signal.count),
        "topic": topic.name,
        "commune": commune.name,
        "baseline": _number(signal.baseline),
        "statistic": _number(signal.statistic),
        "threshold": _number(signal.threshold),
    }
    if method == Method.EARS_C2:
        return (
            _(
                "Week of %(week)s: %(count)s petitions and worried or opposed mood reports on "
                "%(topic)s in %(commune)s, against a usual %(baseline)s a week (the mean of "
                "the seven weeks ending two weeks earlier). The EARS C2 statistic, "
                "%(statistic)s, is above its threshold of %(threshold)s."
            )
            % values
        )
    return (
        _(
            "Week of %(week)s: %(count)s petitions and worried or opposed mood reports on "
            "%(topic)s in %(commune)s, against a usual %(baseline)s a week. Counts above the "
            "usual have added up over the recent weeks: the CUSUM statistic, %(statistic)s, "
            "is above its threshold of %(threshold)s."
        )
        % values
    )


def _explain_cluster(
    communes: list[Unit], topic: Topic, week: dt.date, cluster: detection.Cluster
) -> str:
    return _(
        "Week of %(week)s: %(count)s petitions and worried or opposed mood reports on "
        "%(topic)s in %(size)s neighbouring communes (%(names)s), where their totals and the "
        "week's total over the last %(weeks)s weeks lead one to expect %(expected)s. The "
        "space-time permutation scan's log-likelihood ratio is %(statistic)s; a cluster this "
        "strong arose by chance in %(p)s of the shuffled replicates (threshold: %(threshold)s)."
    ) % {
        "week": format_date(week),
        "count": format_number(cluster.count),
        "topic": topic.name,
        "size": format_number(len(cluster.hot)),
        "names": ", ".join(communes[m].name for m in cluster.hot),
        "weeks": format_number(HISTORY_WEEKS),
        "threshold": format_number(detection.SCAN_P_VALUE * 100) + "%",
        "expected": _number(cluster.expected),
        "statistic": _number(cluster.statistic),
        "p": format_number(cluster.p_value * 100, 1) + "%",
    }


def _records(
    events: Events, members: list[int], topic_id: int, weeks: range
) -> tuple[list[int], list[int]]:
    petitions = [
        pk for m in members for w in weeks for pk in events.petitions.get((m, topic_id, w), [])
    ]
    moods = [pk for m in members for w in weeks for pk in events.moods.get((m, topic_id, w), [])]
    return petitions, moods


@transaction.atomic
def hotspots_detect(
    *, province: Unit, week_start: dt.date, replicates: int = SCAN_REPLICATES
) -> list[HotspotAlert]:
    """Scan one week of a province; an alert already raised for that week is kept as is."""
    week_start = week_of(week_start)
    communes = province_communes(province)
    if not communes:
        return []
    first = week_start - dt.timedelta(days=7 * (HISTORY_WEEKS - 1))
    events = _events(communes, first, HISTORY_WEEKS)
    topics = {topic.pk: topic for topic in Topic.objects.all()}
    last = HISTORY_WEEKS - 1
    found: list[tuple[HotspotAlert, list[Unit], list[int], list[int]]] = []
    with translation.override(settings.LANGUAGE_CODE):
        for (place, topic_id), series in sorted(events.counts.items()):
            if series[last] < detection.MIN_COUNT:
                continue
            fired = {
                Method.EARS_C2: [s for s in detection.ears_c2(series) if s.index == last],
                Method.CUSUM: [s for s in detection.cusum(series) if s.index == last],
            }
            level = AlertLevel.ALARM if all(fired.values()) else AlertLevel.WATCH
            for method, signals in fired.items():
                if not signals:
                    continue
                signal = signals[0]
                petitions, moods = _records(events, [place], topic_id, range(last, last + 1))
                alert = HotspotAlert(
                    province=province,
                    commune=communes[place],
                    topic=topics[topic_id],
                    method=method,
                    level=level,
                    week_start=week_start,
                    count=signal.count,
                    statistic=signal.statistic,
                    baseline=signal.baseline,
                    threshold=signal.threshold,
                    explanation=_explain_series(
                        method, communes[place], topics[topic_id], week_start, signal
                    ),
                )
                found.append((alert, [communes[place]], petitions, moods))
        points = [(float(u.latitude or 0), float(u.longitude or 0)) for u in communes]
        for topic_id in sorted({topic for (_place, topic) in events.counts}):
            matrix = np.zeros((len(communes), HISTORY_WEEKS), dtype=int)
            for (place, topic), series in events.counts.items():
                if topic == topic_id:
                    matrix[place] = series
            if matrix[:, -2:].sum() < detection.MIN_COUNT:
                continue
            cluster = detection.permutation_scan(matrix, points, replicates=replicates)
            if cluster is None or not cluster.significant:
                continue
            weeks = range(HISTORY_WEEKS - cluster.weeks, HISTORY_WEEKS)
            petitions, moods = _records(events, cluster.hot, topic_id, weeks)
            alert = HotspotAlert(
                province=province,
                commune=communes[cluster.hot[0]],
                topic=topics[topic_id],
                method=Method.SCAN,
                level=AlertLevel.ALARM,
                week_start=week_start,
                weeks=cluster.weeks,
                count=cluster.count,
                statistic=cluster.statistic,
                baseline=cluster.expected,
                threshold=detection.SCAN_P_VALUE,
                p_value=cluster.p_value,
                explanation=_explain_cluster(communes, topics[topic_id], week_start, cluster),
            )
            found.append((alert, [communes[m] for m in cluster.hot], petitions, moods))
    created = []
    for alert, members, petitions, moods in found:
        exists = HotspotAlert.objects.filter(
            method=alert.method, commune=alert.commune, topic=alert.topic, week_start=week_start
        ).exists()
        if exists:
            continue
        alert.save()
        alert.communes.set(members)
        alert.petitions.set(petitions)
        alert.mood_reports.set(moods)
        created.append(alert)
    DetectionRun.objects.update_or_create(
        province=province, week_start=week_start, defaults={"alerts": len(created)}
    )
    return created


def hotspots_detect_due(*, now: dt.datetime | None = None) -> int:
    """The worker's weekly step: scan the last complete week of every province with records
    in it, once. Returns the alerts raised."""
    week = last_complete_week(now)
    end = week + dt.timedelta(days=6)
    communes = set(
        Petition.objects.filter(received_on__range=(week, end)).values_list("commune_id", flat=True)
    ) | set(
        MoodReport.objects.filter(date__range=(week, end), tone__in=CONCERNED_TONES).values_list(
            "commune_id", flat=True
        )
    )
    above = {pk for unit in Unit.objects.filter(pk__in=communes) for pk in unit.ancestor_ids}
    province_ids = set(
        Unit.objects.current()
        .filter(pk__in=above, level__code="province")
        .values_list("pk", flat=True)
    )
    done = set(
        DetectionRun.objects.filter(week_start=week, province_id__in=province_ids).values_list(
            "province_id", flat=True
        )
    )
    raised = 0
    for province in Unit.objects.filter(pk__in=province_ids - done):
        raised += len(hotspots_detect(province=province, week_start=week))
    return raised
