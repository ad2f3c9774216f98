"""Streaming hazard detectors for one sensor: fixed thresholds, a robust
seasonal baseline and a sustained-change test (docs/safety-detection.md).

Pure Python, no Django: the ingestion path calls `SensorDetector.update` once
per reading and saves `to_state()` as its checkpoint. Every verdict depends
only on the readings before it (and the reading itself), so scoring a prefix
and scoring the whole series agree on the prefix.

Reasons (`Verdict.reason`): "" (no alert), "threshold-high", "threshold-low"
(a fixed limit was crossed), "unusual-high", "unusual-low" (one reading far
from the baseline) and "change" (several readings in a row away from it).
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

STATE_VERSION = 1
DAY = 86_400.0
HOUR = 3_600.0
# 1.4826 turns a median absolute deviation into a standard deviation for
# normally distributed noise, so the z thresholds read as "sigmas".
MAD_TO_SIGMA = 1.4826
# Stored residuals keep 4 significant digits: enough for a scale estimate,
# and it keeps the saved state small.
RESIDUAL_DIGITS = 4


@dataclass(frozen=True)
class Thresholds:
    low: float | None = None
    high: float | None = None


class Verdict(NamedTuple):
    # A named tuple rather than a frozen dataclass: one is made per reading,
    # and a tuple is several times cheaper to build.
    score: float
    alert: bool
    reason: str


QUIET = Verdict(score=0.0, alert=False, reason="")


@dataclass(frozen=True)
class Params:
    """Every tunable of the statistical detector, in time units or in robust
    standard deviations; docs/safety-detection.md explains each value."""

    window_span: float = 7 * DAY
    window_readings: int = 1000
    min_readings: int = 12
    z_extreme: float = 6.0
    z_sustained: float = 4.0
    sustained_readings: int = 2
    tail_quantile: float = 0.95
    tail_factor: float = 2.0
    hold_off: float = 3 * HOUR
    season_memory_days: float = 7.0
    season_min_days: float = 7.0
    season_clip: float = 3.0


VALUE_LIMIT = 1e150


def _round_sig(x: float, digits: int = RESIDUAL_DIGITS) -> float:
    if x == 0.0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _median(sorted_values: list[float]) -> float:
    n = len(sorted_values)
    mid = n // 2
    if n % 2:
        return sorted_values[mid]
    return 0.5 * (sorted_values[mid - 1] + sorted_values[mid])


def _kth_distance(values: list[float], centre: float, k: int) -> float:
    """The k-th smallest (0-based) |v - centre| over the sorted `values`,
    in O(log n): the distances below and above the centre are two sorted runs,
    and this is the classic k-th element of two sorted arrays."""
    split = bisect_left(values, centre)

    def below(i: int) -> float:  # i-th smallest distance among values < centre
        return centre - values[split - 1 - i]

    def above(j: int) -> float:
        return values[split + j] - centre

    n_below, n_above = split, len(values) - split
    lo, hi = max(0, k + 1 - n_above), min(k + 1, n_below)
    while lo < hi:
        i = (lo + hi) // 2
        j = k + 1 - i
        if j > 0 and below(i) < above(j - 1):
            lo = i + 1
        else:
            hi = i
    j = k + 1 - lo
    candidates = []
    if lo > 0:
        candidates.append(below(lo - 1))
    if j > 0:
        candidates.append(above(j - 1))
    return max(candidates)


def _mad(sorted_values: list[float], centre: float) -> float:
    n = len(sorted_values)
    if n % 2:
        return _kth_distance(sorted_values, centre, n // 2)
    return 0.5 * (
        _kth_distance(sorted_values, centre, n // 2 - 1)
        + _kth_distance(sorted_values, centre, n // 2)
    )


def _season_bin(timestamp: float) -> int:
    """Hour of day (UTC) times weekday/weekend: 48 bins. 1970-01-01 was a
    Thursday, so day 0 has weekday index 3 (Monday = 0)."""
    days = math.floor(timestamp / DAY)
    hour = int((timestamp - days * DAY) // HOUR)
    weekend = (days + 3) % 7 >= 5
    return hour + (24 if weekend else 0)


class SensorDetector:
    """All the detectors of one sensor, fed one reading at a time."""

    def __init__(self, *, thresholds: Thresholds | None = None, params: Params | None = None):
        self.thresholds = thresholds or Thresholds()
        self.params = params or Params()
        # The trailing window: (timestamp, value, |residual|) in arrival order,
        # and the values and |residuals| kept sorted for medians and quantiles.
        self._window: deque[tuple[float, float, float]] = deque()
        self._values: list[float] = []
        self._residuals: list[float] = []
        self._offsets = [0.0] * 48
        self._coverage = [0.0] * 48
        self._last_time: float | None = None
        self._last_alert: float | None = None
        self._recent_z: deque[float] = deque(maxlen=self.params.sustained_readings)
        self._breach = ""

    # -- the stream ---------------------------------------------------------

    def update(self, timestamp: float, value: float | None) -> Verdict:
        previous = self._last_time
        # A reading older than the newest one is scored as if it came now:
        # the window and the hold-off only ever move forward.
        now = timestamp if previous is None else max(timestamp, previous)
        self._last_time = now
        if value is None or not math.isfinite(value):
            self._expire(now)
            return QUIET
        value = float(value)
        threshold = self._threshold_verdict(value)
        # Beyond any physical reading, and far enough from float overflow that
        # differences and medians stay finite; still a glaring outlier.
        value = min(max(value, -VALUE_LIMIT), VALUE_LIMIT)
        statistical = self._learn_and_score(now, value, previous)
        if threshold is not None:
            return threshold
        return statistical

    def _threshold_verdict(self, value: float) -> Verdict | None:
        high, low = self.thresholds.high, self.thresholds.low
        if high is None and low is None and not self._breach:
            return None
        breach = ""
        if high is not None and value > high:
            breach = "threshold-high"
        elif low is not None and value < low:
            breach = "threshold-low"
        # One alert when a limit is crossed, not one per reading beyond it.
        crossed = bool(breach) and breach != self._breach
        self._breach = breach
        if not breach:
            return None
        return Verdict(score=1.0, alert=crossed, reason=breach)

    def _learn_and_score(self, now: float, value: float, previous: float | None) -> Verdict:
        p = self.params
        self._expire(now)
        verdict = QUIET
        season = _season_bin(now)
        if self._values:
            level = _median(self._values)
            typical = _median(self._residuals)
            expected = level + self._seasonal_offset(season)
            residual = value - expected
            if len(self._residuals) >= p.min_readings:
                verdict = self._verdict(now, residual, level, typical)
            self._learn_season(season, value - level, now, previous, typical)
        else:
            residual = 0.0
        stored = _round_sig(abs(residual))
        self._window.append((now, value, stored))
        insort(self._values, value)
        insort(self._residuals, stored)
        if len(self._window) > p.window_readings:
            self._drop_oldest()
        return verdict

    def _seasonal_offset(self, season: int) -> float:
        minimum = self.params.season_min_days
        if self._coverage[season] >= minimum:
            return self._offsets[season]
        # Until weekends (or weekdays) have a profile of their own, the same
        # hour of the other kind of day is a better guess than none.
        twin = (season + 24) % 48
        if self._coverage[twin] >= minimum:
            return self._offsets[twin]
        return 0.0

    def _verdict(self, now: float, residual: float, level: float, typical: float) -> Verdict:
        p = self.params
        residuals = self._residuals
        scale = MAD_TO_SIGMA * typical
        tail = residuals[min(len(residuals) - 1, int(p.tail_quantile * len(residuals)))]
        floor = 1e-9 * (1.0 + abs(level))
        if scale < floor:
            # A sensor that has not varied at all (or only by rounding dust,
            # which would make every departure infinitely many spreads away):
            # any departure is news.
            scale = max(tail, floor)
        z = residual / scale
        # Heavy-tailed sensors (spiky travel times) have big deviations every
        # day; the bar rises with the sensor's own tail, and stays at the
        # plain sigma thresholds for noise that is close to normal.
        tail_z = p.tail_factor * tail / scale
        bar_extreme = max(p.z_extreme, tail_z)
        bar_sustained = max(p.z_sustained, tail_z)
        recent = self._recent_z
        recent.append(z)
        # Plain loops: with two or three readings, generator set-up cost more
        # than the comparisons.
        weakest = 0.0
        if len(recent) == p.sustained_readings:
            weakest = abs(z)
            for r in recent:
                if r * z <= 0:
                    weakest = 0.0
                    break
                weakest = min(weakest, abs(r))
        ratio = max(abs(z) / bar_extreme, weakest / bar_sustained)
        score = ratio / (1.0 + ratio) if math.isfinite(ratio) else 1.0
        if ratio <= 1.0:
            return Verdict(score=score, alert=False, reason="")
        reason = "change"
        if abs(z) > bar_extreme:
            reason = "unusual-high" if z > 0 else "unusual-low"
        if self._last_alert is not None and now - self._last_alert < p.hold_off:
            # The same event is still going on: one event, one alert.
            return Verdict(score=score, alert=False, reason=reason)
        self._last_alert = now
        return Verdict(score=score, alert=True, reason=reason)

    def _learn_season(
        self, season: int, deviation: float, now: float, previous: float | None, typical: float
    ) -> None:
        p = self.params
        if previous is None:
            return
        # A reading stands for the time since the one before it, at most the
        # bin's hour; a bin so gains about one "day" of coverage per day.
        weight_time = min(now - previous, HOUR)
        if weight_time <= 0.0:
            return
        coverage = self._coverage[season] + weight_time / HOUR
        self._coverage[season] = coverage
        # A running mean for the first days, then an exponential memory of
        # about `season_memory_days` days.
        weight = weight_time / (HOUR * min(coverage, p.season_memory_days))
        offset = self._offsets[season]
        spread = MAD_TO_SIGMA * typical
        step = deviation - offset
        if spread > 0.0:
            # Clipping keeps one wild reading from bending the daily profile.
            limit = p.season_clip * spread
            step = max(-limit, min(limit, step))
        self._offsets[season] = offset + weight * step

    def _expire(self, now: float) -> None:
        horizon = now - self.params.window_span
        while self._window and self._window[0][0] < horizon:
            self._drop_oldest()

    def _drop_oldest(self) -> None:
        _, value, stored = self._window.popleft()
        del self._values[bisect_left(self._values, value)]
        del self._residuals[bisect_left(self._residuals, stored)]

    # -- persistence --------------------------------------------------------

    def to_state(self) -> dict[str, object]:
        times = [t for t, _, _ in self._window]
        base = times[0] if times else 0.0
        deltas = [t - base for t in times]
        # Offsets from the oldest reading are short numbers; keep absolute
        # times when a subtraction would not give them back exactly.
        exact = all(base + d == t for d, t in zip(deltas, times, strict=True))
        return {
            "v": STATE_VERSION,
            "params": _changed_params(self.params),
            "base": _compact(base),
            # Inline rather than through _compact: a call per number cost more
            # than the rest of a batch's ingestion.
            "dt": [int(d) if d.is_integer() else d for d in deltas] if exact else None,
            "t": None if exact else times,
            "x": [int(x) if x.is_integer() and abs(x) < 2**53 else x for _, x, _ in self._window],
            "r": [int(r) if r.is_integer() and r < 2**53 else r for _, _, r in self._window],
            "offsets": [_compact(o) for o in self._offsets],
            "coverage": [_compact(c) for c in self._coverage],
            "last_time": self._last_time,
            "last_alert": self._last_alert,
            "recent_z": list(self._recent_z),
            "breach": self._breach,
        }

    @classmethod
    def from_state(
        cls, state: dict[str, object], *, thresholds: Thresholds | None = None
    ) -> SensorDetector:
        if state.get("v") != STATE_VERSION:
            return cls(thresholds=thresholds)
        raw_params = _as_dict(state["params"])
        known = {f.name for f in fields(Params)}
        params = Params(**{k: v for k, v in raw_params.items() if k in known})  # type: ignore[arg-type]
        detector = cls(thresholds=thresholds, params=params)
        base = _as_float(state["base"])
        if state.get("dt") is not None:
            times = [base + d for d in _floats(state["dt"])]
        else:
            times = _floats(state["t"])
        values = _floats(state["x"])
        residuals = _floats(state["r"])
        detector._window = deque(zip(times, values, residuals, strict=True))
        detector._values = sorted(values)
        detector._residuals = sorted(residuals)
        detector._offsets = [_as_float(o) for o in _as_list(state["offsets"])]
        detector._coverage = [_as_float(c) for c in _as_list(state["coverage"])]
        detector._last_time = _as_optional_float(state["last_time"])
        detector._last_alert = _as_optional_float(state["last_alert"])
        detector._recent_z.extend(_as_float(z) for z in _as_list(state["recent_z"]))
        detector._breach = str(state["breach"])
        return detector


def _compact(x: float) -> float | int:
    """Whole numbers as JSON integers ("300" rather than "300.0")."""
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def _changed_params(params: Params) -> dict[str, object]:
    # Only departures from the defaults are saved, so a sensor picks up new
    # defaults when the code changes them.
    defaults = Params()
    return {
        f.name: getattr(params, f.name)
        for f in fields(Params)
        if getattr(params, f.name) != getattr(defaults, f.name)
    }


def _as_list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError("detector state: expected a list")
    return value


def _as_dict(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError("detector state: expected an object")
    return value


def _floats(value: object) -> list[float]:
    items = _as_list(value)
    # type() rather than isinstance: a bool is an int, and is not a reading.
    if not all(type(x) is float or type(x) is int for x in items):
        raise ValueError("detector state: expected a list of numbers")
    return [float(x) for x in items]  # type: ignore[arg-type]


def _as_float(value: object) -> float:
    if not isinstance(value, int | float):
        raise ValueError("detector state: expected a number")
    return float(value)


def _as_optional_float(value: object) -> float | None:
    return None if value is None else _as_float(value)


def score_series(
    timestamps: Sequence[float],
    values: Sequence[float | None],
    *,
    thresholds: Thresholds | None = None,
    params: Params | None = None,
) -> list[Verdict]:
    """Every reading's verdict, as a fresh detector fed them in order."""
    if len(timestamps) != len(values):
        raise ValueError("timestamps and values differ in length")
    detector = SensorDetector(thresholds=thresholds, params=params)
    update: Callable[[float, float | None], Verdict] = detector.update
    return [update(t, v) for t, v in zip(timestamps, values, strict=True)]
