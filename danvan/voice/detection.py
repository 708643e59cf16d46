"""Early warning on weekly counts, as in disease surveillance (pure functions, no database).

- EARS C2: this week's count against the mean and spread of the seven weeks that end two
  weeks before it (the gap keeps a slow rise out of its own baseline).
- CUSUM: the same standardised excess, accumulated week after week, so that a sustained
  rise too small for C2 in any one week still crosses the threshold.
- Space-time permutation scan (Kulldorff 2005): cylinders of neighbouring communes over the
  last weeks whose count exceeds what the communes' and the weeks' totals lead one to
  expect; its p-value comes from Monte Carlo replicates that shuffle the weeks of the cases.
  It needs no population figures.
"""

import math
from dataclasses import dataclass

import numpy as np

C2_BASELINE = 7
C2_GAP = 2
# Above the textbook 3 and 4 (chosen with bench/hotspots.py over several seeds): weekly
# counts of complaints vary more than a Poisson count's, and at the textbook thresholds a
# province of 60 communes would see several false alarms a week.
C2_THRESHOLD = 4.5
CUSUM_K = 1.0
CUSUM_H = 5.0
# Counts this small are within ordinary variation whatever a quiet baseline says.
MIN_COUNT = 4
# The spread never counts as less than a Poisson count's would at the baseline's mean.
MIN_SIGMA = 1.0


@dataclass(frozen=True)
class Signal:
    index: int  # the week in the series
    count: int
    statistic: float
    baseline: float  # the expected count
    threshold: float  # the statistic above which it fires


def _sigma(window: np.ndarray) -> float:
    mean = float(window.mean())
    return max(float(window.std(ddof=1)) if len(window) > 1 else 0.0, math.sqrt(mean), MIN_SIGMA)


def ears_c2(counts: list[int] | np.ndarray, *, threshold: float = C2_THRESHOLD) -> list[Signal]:
    """Weeks whose count stands more than `threshold` spreads above their baseline."""
    series = np.asarray(counts, dtype=float)
    signals = []
    for t in range(C2_BASELINE + C2_GAP, len(series)):
        window = series[t - C2_GAP - C2_BASELINE : t - C2_GAP]
        mean = float(window.mean())
        statistic = (series[t] - mean) / _sigma(window)
        if statistic > threshold and series[t] >= MIN_COUNT:
            signals.append(
                Signal(t, int(series[t]), round(statistic, 3), round(mean, 3), threshold)
            )
    return signals


def cusum(
    counts: list[int] | np.ndarray, *, k: float = CUSUM_K, h: float = CUSUM_H
) -> list[Signal]:
    """Weeks where the accumulated standardised excess crosses `h` (it restarts after)."""
    series = np.asarray(counts, dtype=float)
    signals = []
    total = 0.0
    for t in range(C2_BASELINE + C2_GAP, len(series)):
        window = series[t - C2_GAP - C2_BASELINE : t - C2_GAP]
        mean = float(window.mean())
        total = max(0.0, total + (series[t] - mean) / _sigma(window) - k)
        if total > h and series[t] >= MIN_COUNT:
            signals.append(Signal(t, int(series[t]), round(float(total), 3), round(mean, 3), h))
            total = 0.0
    return signals


SCAN_P_VALUE = 0.01
SCAN_MAX_SIZE = 5
SCAN_MAX_WEEKS = 1
# A place is hot in a cluster when its own count in the cylinder is at least this, and at
# least HOT_RATIO times what it would be expected to be; a cluster is reported when two or
# more places are hot with HOT_TOTAL cases between them (one place alone is C2's and CUSUM's).
HOT_COUNT = 3
HOT_RATIO = 2.0
HOT_TOTAL = 6


@dataclass(frozen=True)
class Cluster:
    members: list[int]  # places, the centre first
    hot: list[int]  # the members whose own count stands out
    weeks: int  # the cylinder covers the last `weeks` weeks
    count: int
    expected: float
    statistic: float  # log-likelihood ratio
    p_value: float

    @property
    def significant(self) -> bool:
        return self.p_value <= SCAN_P_VALUE and len(self.hot) >= 2 and self.count >= HOT_TOTAL


def neighbours(points: list[tuple[float, float]], *, most: int) -> np.ndarray:
    """For each place, itself and its nearest places, nearest first (latitude, longitude)."""
    coords = np.radians(np.asarray(points, dtype=float))
    lat, lon = coords[:, 0][:, None], coords[:, 1][:, None]
    x = (lon - lon.T) * np.cos((lat + lat.T) / 2)
    distance = np.hypot(x, lat - lat.T)
    return np.argsort(distance, axis=1, kind="stable")[:, : min(most, len(points))]


def _best(
    counts: np.ndarray, near: np.ndarray, max_weeks: int
) -> tuple[float, int, int, int, float, int]:
    """The cylinder with the largest log-likelihood ratio, ending in the last week:
    (statistic, centre, size, weeks, expected, count)."""
    total = counts.sum()
    best = (0.0, 0, 0, 0, 0.0, 0)
    if total == 0:
        return best
    by_place = counts.sum(axis=1)
    by_week = counts.sum(axis=0)
    for weeks in range(1, max_weeks + 1):
        inside = counts[:, -weeks:].sum(axis=1)
        expected = by_place * by_week[-weeks:].sum() / total
        c = np.cumsum(inside[near], axis=1)
        mu = np.cumsum(expected[near], axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            llr = np.where(
                (c > mu) & (c < total),
                c * np.log(c / mu) + (total - c) * np.log((total - c) / (total - mu)),
                0.0,
            )
        llr = np.nan_to_num(llr)
        index = int(np.argmax(llr))
        centre, size = divmod(index, llr.shape[1])
        if llr[centre, size] > best[0]:
            best = (
                float(llr[centre, size]),
                centre,
                size + 1,
                weeks,
                float(mu[centre, size]),
                int(c[centre, size]),
            )
    return best


def permutation_scan(
    counts: np.ndarray,
    points: list[tuple[float, float]],
    *,
    max_size: int = SCAN_MAX_SIZE,
    max_weeks: int = SCAN_MAX_WEEKS,
    replicates: int = 199,
    seed: int = 0,
) -> Cluster | None:
    """The most likely cluster of neighbouring places in the last weeks, with its p-value.

    `counts` has a row per place and a column per week. The replicates keep each place's
    total and each week's total and shuffle which week each case fell in: under no
    clustering, any such shuffle is as likely as what was observed.
    """
    counts = np.asarray(counts, dtype=np.int64)
    near = neighbours(points, most=max_size)
    statistic, centre, size, weeks, _expected, _count = _best(counts, near, max_weeks)
    if statistic <= 0:
        return None
    places = np.repeat(np.arange(counts.shape[0]), counts.sum(axis=1))
    times = np.concatenate([np.repeat(np.arange(counts.shape[1]), row) for row in counts])
    rng = np.random.default_rng(seed)
    higher = 0
    for _ in range(replicates):
        shuffled = np.zeros_like(counts)
        np.add.at(shuffled, (places, rng.permutation(times)), 1)
        if _best(shuffled, near, max_weeks)[0] >= statistic:
            higher += 1
    members = [int(m) for m in near[centre, :size]]
    inside = counts[:, -weeks:].sum(axis=1)
    own_expected = counts.sum(axis=1) * counts[:, -weeks:].sum() / counts.sum()
    hot = [
        m for m in members if inside[m] >= HOT_COUNT and inside[m] >= HOT_RATIO * own_expected[m]
    ]
    return Cluster(
        members=members,
        hot=hot,
        weeks=weeks,
        count=int(sum(inside[m] for m in hot)),
        expected=round(float(sum(own_expected[m] for m in hot)), 3),
        statistic=round(statistic, 3),
        p_value=(higher + 1) / (replicates + 1),
    )
