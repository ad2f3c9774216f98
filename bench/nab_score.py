"""The Numenta Anomaly Benchmark score of 0/1 detections, as
../shared/data/nab/README.md defines it (standard, low-FP and low-FN profiles).

Pure Python, no Django. The labels are read here and nowhere else: the
detectors never see them.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    name: str
    a_tp: float
    a_fp: float
    a_fn: float


PROFILES = (
    Profile("standard", a_tp=1.0, a_fp=0.11, a_fn=1.0),
    Profile("low-FP", a_tp=1.0, a_fp=0.22, a_fn=1.0),
    Profile("low-FN", a_tp=1.0, a_fp=0.11, a_fn=2.0),
)


@dataclass(frozen=True)
class FileScore:
    raw: float
    windows: int
    hits: int
    false_alarms: int


def parse_time(text: str) -> datetime:
    """NAB writes "2015-09-01 11:25:00" in the data and adds microseconds in
    the windows; both are naive and compared as they are."""
    return datetime.fromisoformat(text.strip())


def scaled_sigmoid(y: float) -> float:
    if y > 3.0:
        return -1.0
    # 2/(1+e^(5y)) - 1 written as tanh to stay finite for any y.
    return -math.tanh(2.5 * y)


def probation_rows(n: int) -> int:
    return min(math.floor(0.15 * n), 750)


def window_rows(
    times: Sequence[datetime], windows: Sequence[tuple[datetime, datetime]]
) -> list[tuple[int, int]]:
    """Each window as the first and last row whose timestamp falls inside it
    (rows are in time order); windows holding no row are left out."""
    result = []
    for start, end in windows:
        inside = [i for i, t in enumerate(times) if start <= t <= end]
        if inside:
            result.append((inside[0], inside[-1]))
    return result


def score_file(
    times: Sequence[datetime],
    alerts: Sequence[bool],
    windows: Sequence[tuple[datetime, datetime]],
    profile: Profile,
) -> FileScore:
    if len(times) != len(alerts):
        raise ValueError("times and alerts differ in length")
    probation = probation_rows(len(times))
    # A window with no row after the probationary period cannot be scored.
    spans = sorted(
        (left, right) for left, right in window_rows(times, windows) if right >= probation
    )
    raw = 0.0
    hits = 0
    false_alarms = 0
    detections = [i for i, alert in enumerate(alerts) if alert and i >= probation]
    for left, right in spans:
        width = right - left + 1
        inside = [i for i in detections if left <= i <= right]
        if inside:
            first = inside[0]
            raw += profile.a_tp * scaled_sigmoid(-(right - first + 1) / width) / scaled_sigmoid(-1)
            hits += 1
        else:
            raw -= profile.a_fn
    for i in detections:
        if any(left <= i <= right for left, right in spans):
            continue
        earlier = [(left, right) for left, right in spans if right < i]
        false_alarms += 1
        if not earlier:
            raw -= profile.a_fp
            continue
        left, right = earlier[-1]
        width = right - left + 1
        raw += profile.a_fp * scaled_sigmoid((i - right) / max(width - 1, 1))
    return FileScore(raw=raw, windows=len(spans), hits=hits, false_alarms=false_alarms)


def normalised(raw: float, windows: int, profile: Profile) -> float:
    null = -profile.a_fn * windows
    perfect = profile.a_tp * windows
    return 100.0 * (raw - null) / (perfect - null)


def load_windows(path: Path) -> dict[str, list[tuple[datetime, datetime]]]:
    """windows.json keyed by file name (without the "realTraffic/" folder)."""
    data = json.loads(path.read_text())
    return {
        name.rsplit("/", 1)[-1]: [(parse_time(a), parse_time(b)) for a, b in spans]
        for name, spans in data.items()
    }


def load_series(path: Path) -> tuple[list[datetime], list[float], list[float]]:
    """A NAB data file as its naive timestamps, the same as Unix seconds (UTC)
    for the detectors, and the values."""
    times: list[datetime] = []
    values: list[float] = []
    with path.open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            times.append(parse_time(row[0]))
            values.append(float(row[1]))
    stamps = [t.replace(tzinfo=UTC).timestamp() for t in times]
    return times, stamps, values
