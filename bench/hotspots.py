"""How well the hot-spot detectors find surges injected in synthetic weekly counts.

Synthetic province: --communes communes at random places, seven topics, --weeks weeks of
counts drawn from a negative binomial (Poisson with gamma-distributed rates, so weeks vary
more than a Poisson's would), each commune and topic with its own usual rate (from 0.05 to
about 2 a week). Injected: --surges surges of two weeks, each adding Poisson(max(6, 3 x the
usual rate)) cases a week to one commune and topic; a third of them spread over the commune
and its two nearest neighbours (three to four extra cases each), which is what the scan is
for. Five synthetic provinces (seeds 1 to 5). Detection runs week by week exactly as
danvan.voice.hotspots does: a 16-week history, EARS C2 and CUSUM on each commune and
topic, the space-time permutation scan on each topic.

Found: an alert on the surge's topic in one of its communes in its first week or the week
after (delay 0 or 1). False alarm: a commune-week with an alert that no surge explains.
Baseline, measured in the same run: a naive rule (alert when a week's count is at least
twice the mean of the eight weeks before it, and at least 4).
Targets (issue 6): recall >= 90% within a week, < 10 false alarms per 1,000 commune-weeks.

Usage: python bench/hotspots.py [--communes 60] [--weeks 52] [--surges 40] [--runs 5] [--json]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from danvan.voice import detection  # noqa: E402

TOPICS = 7
HISTORY = 16  # danvan.voice.hotspots.HISTORY_WEEKS
SURGE_WEEKS = 2


def synthetic(args: argparse.Namespace, rng: np.random.Generator):
    points = [(18.0 + rng.random() * 0.8, 105.5 + rng.random() * 0.8) for _ in range(args.communes)]
    rates = rng.gamma(1.2, 0.4, size=(args.communes, TOPICS))
    dispersion = 5.0
    weekly = rng.gamma(dispersion, rates[..., None] / dispersion, size=(*rates.shape, args.weeks))
    counts = rng.poisson(weekly)
    near = detection.neighbours(points, most=3)
    surges = []
    for n in range(args.surges):
        place, topic = int(rng.integers(args.communes)), int(rng.integers(TOPICS))
        start = int(rng.integers(HISTORY, args.weeks - SURGE_WEEKS))
        if n % 3 == 2:
            members = [int(m) for m in near[place]]
            for m in members:
                counts[m, topic, start : start + SURGE_WEEKS] += rng.poisson(3.5, SURGE_WEEKS)
        else:
            members = [place]
            extra = max(6.0, 3 * rates[place, topic])
            counts[place, topic, start : start + SURGE_WEEKS] += rng.poisson(extra, SURGE_WEEKS)
        surges.append((members, topic, start))
    return points, counts, surges


def detect(points, counts, replicates: int) -> set[tuple[int, int, int]]:
    """(commune, topic, week) of every alert, week by week as the worker runs."""
    communes, topics, weeks = counts.shape
    alerts = set()
    for week in range(HISTORY - 1, weeks):
        window = counts[:, :, week - HISTORY + 1 : week + 1]
        last = HISTORY - 1
        for place in range(communes):
            for topic in range(topics):
                series = window[place, topic]
                if series[last] < detection.MIN_COUNT:
                    continue
                fired = [s for s in detection.ears_c2(series) if s.index == last]
                fired += [s for s in detection.cusum(series) if s.index == last]
                if fired:
                    alerts.add((place, topic, week))
        for topic in range(topics):
            matrix = window[:, topic, :]
            if matrix[:, -2:].sum() < detection.MIN_COUNT:
                continue
            cluster = detection.permutation_scan(matrix, points, replicates=replicates, seed=week)
            if cluster is not None and cluster.significant:
                alerts.update((m, topic, week) for m in cluster.hot)
    return alerts


def naive(counts) -> set[tuple[int, int, int]]:
    weeks = counts.shape[2]
    alerts = set()
    for week in range(HISTORY - 1, weeks):
        mean = counts[:, :, week - 8 : week].mean(axis=2)
        hit = (counts[:, :, week] >= 2 * mean) & (counts[:, :, week] >= detection.MIN_COUNT)
        alerts.update((int(p), int(t), week) for p, t in zip(*np.nonzero(hit), strict=True))
    return alerts


def score(alerts, surges, communes: int, weeks: int) -> tuple[float, float, float]:
    found, delays = 0, []
    explained = set()
    for members, topic, start in surges:
        for week in range(start, start + SURGE_WEEKS):
            explained.update((m, topic, week) for m in members)
        for delay in (0, 1):
            if any((m, topic, start + delay) in alerts for m in members):
                found += 1
                delays.append(delay)
                break
    false_weeks = {(p, w) for p, t, w in alerts if (p, t, w) not in explained}
    commune_weeks = communes * (weeks - HISTORY + 1)
    return (
        found / len(surges),
        1000 * len(false_weeks) / commune_weeks,
        float(np.mean(delays)) if delays else float("nan"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=60)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--surges", type=int, default=40)
    parser.add_argument("--replicates", type=int, default=199)
    parser.add_argument("--runs", type=int, default=5, help="synthetic provinces, seeds 1..runs")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    ours, naive_scores, seconds = [], [], 0.0
    for seed in range(1, args.runs + 1):
        points, counts, surges = synthetic(args, np.random.default_rng(seed))
        started = time.perf_counter()
        alerts = detect(points, counts, args.replicates)
        seconds += time.perf_counter() - started
        ours.append(score(alerts, surges, args.communes, args.weeks))
        naive_scores.append(score(naive(counts), surges, args.communes, args.weeks))
        recall, false_alarms, delay = ours[-1]
        print(f"seed {seed}: recall {recall:.1%}, false alarms {false_alarms:.1f} per 1,000 "
              f"commune-weeks, mean delay {delay:.2f} weeks")  # fmt: skip
    recall, false_alarms, delay = np.mean(ours, axis=0)
    b_recall, b_false, b_delay = np.mean(naive_scores, axis=0)
    weeks_run = args.runs * (args.weeks - HISTORY + 1)
    print(f"{args.runs} provinces of {args.communes} communes x {TOPICS} topics x {args.weeks} "
          f"weeks, {args.surges} surges each")  # fmt: skip
    print(f"detectors: recall within a week {recall:.1%} (target 90%), false alarms "
          f"{false_alarms:.1f} per 1,000 commune-weeks (target < 10), "
          f"mean delay {delay:.2f} weeks")  # fmt: skip
    print(f"baseline (twice the 8-week mean): recall {b_recall:.1%}, false alarms "
          f"{b_false:.1f} per 1,000 commune-weeks, mean delay {b_delay:.2f} weeks")  # fmt: skip
    ratio = round(float(b_false / false_alarms), 1) if false_alarms else None
    print(f"ratio: the baseline raises {ratio} times the detectors' false alarms")
    print(f"time: {seconds / weeks_run:.2f} s per province-week ({args.replicates} replicates)")
    result = {
        "recall": round(float(recall), 3),
        "false_alarms_per_1000": round(float(false_alarms), 2),
        "delay_weeks": round(float(delay), 2),
        "recall_lowest": round(float(min(r for r, _f, _d in ours)), 3),
        "false_alarms_per_1000_highest": round(float(max(f for _r, f, _d in ours)), 2),
        "baseline_recall": round(float(b_recall), 3),
        "baseline_false_alarms_per_1000": round(float(b_false), 2),
        "ratio_false_alarms_vs_baseline": ratio,
        "seconds_per_province_week": round(seconds / weeks_run, 3),
    }
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
