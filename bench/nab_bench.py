"""Hazard detectors on the NAB traffic files, against the README's floor detector.

    .venv/bin/python bench/nab_bench.py [--data DIR] [--sensitivity]

Runs townhall.safety.detectors (default parameters, the `alert` column as the
detections) and the floor the data's README describes (rolling robust z-score:
median and MAD of the earlier readings of the trailing 24 h, at least 12 of
them, alert when |z| > 4) over ../shared/data/nab/realTraffic/*.csv, and
prints per-file results and the normalised NAB scores of both for the
standard, low-FP and low-FN profiles, then the detector's throughput.
--sensitivity also rescores with every parameter moved by -25% and +25%.
Exits 1 if the detector scores under 85 on the standard profile.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.nab_score import (  # noqa: E402
    PROFILES,
    FileScore,
    Profile,
    load_series,
    load_windows,
    normalised,
    score_file,
)
from townhall.safety.detectors import Params, score_series  # noqa: E402

TARGET = 85.0
Detector = Callable[[Sequence[float], Sequence[float]], list[bool]]


def floor_alerts(stamps: Sequence[float], values: Sequence[float]) -> list[bool]:
    """The README's floor: |x - median| > 4 * 1.4826 * MAD over the earlier
    readings of the last 24 hours, once there are at least 12 of them."""
    alerts = []
    recent: deque[tuple[float, float]] = deque()
    for t, x in zip(stamps, values, strict=True):
        while recent and recent[0][0] < t - 86_400:
            recent.popleft()
        earlier = [v for s, v in recent if s < t]
        alert = False
        if len(earlier) >= 12:
            centre = statistics.median(earlier)
            mad = 1.4826 * statistics.median(abs(v - centre) for v in earlier)
            alert = abs(x - centre) > 4 * mad if mad > 0 else x != centre
        alerts.append(alert)
        recent.append((t, x))
    return alerts


def detector_alerts(params: Params) -> Detector:
    def run(stamps: Sequence[float], values: Sequence[float]) -> list[bool]:
        return [v.alert for v in score_series(stamps, list(values), params=params)]

    return run


@dataclass
class Run:
    files: dict[str, dict[str, FileScore]]
    totals: dict[str, float]


def score(detector: Detector, data: Path) -> Run:
    windows = load_windows(data / "labels" / "windows.json")
    files: dict[str, dict[str, FileScore]] = {}
    raw = {p.name: 0.0 for p in PROFILES}
    count = 0
    for path in sorted((data / "realTraffic").glob("*.csv")):
        times, stamps, values = load_series(path)
        alerts = detector(stamps, values)
        files[path.name] = {}
        for profile in PROFILES:
            result = score_file(times, alerts, windows[path.name], profile)
            files[path.name][profile.name] = result
            raw[profile.name] += result.raw
        count += files[path.name][PROFILES[0].name].windows
    totals = {p.name: normalised(raw[p.name], count, p) for p in PROFILES}
    return Run(files=files, totals=totals)


def line(profiles: Sequence[Profile], totals: dict[str, float]) -> str:
    return "  ".join(f"{p.name} {totals[p.name]:6.1f}" for p in profiles)


def sensitivity(data: Path, base: float) -> None:
    print("sensitivity (standard profile, each parameter alone at -25% / +25%):")
    defaults = Params()
    for field in fields(Params):
        value = getattr(defaults, field.name)
        cells = []
        for factor in (0.75, 1.25):
            if field.name == "tail_quantile":
                # A quantile moves through its tail share: 5% becomes 3.75% / 6.25%.
                moved: float = 1 - (1 - value) * factor
            elif isinstance(value, int):
                # Whole numbers move by at least one, so small counts move too.
                step = max(1, round(abs(value * (factor - 1))))
                moved = max(1, value + (step if factor > 1 else -step))
            else:
                moved = value * factor
            params = replace(defaults, **{field.name: moved})
            got = score(detector_alerts(params), data).totals["standard"]
            cells.append(f"{moved:>10.4g} -> {got:5.1f}")
        print(f"  {field.name:20s} {value:>10.4g} ({base:5.1f})  " + "   ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nab")
    parser.add_argument("--sensitivity", action="store_true")
    args = parser.parse_args()
    if not (args.data / "realTraffic").is_dir():
        print(f"{args.data} has no realTraffic/ folder")
        return 1
    detector = score(detector_alerts(Params()), args.data)
    floor = score(floor_alerts, args.data)
    print(f"NAB realTraffic, {len(detector.files)} files, detections = the alert column")
    print(f"  {'file':22s} {'windows':>7s} {'hits':>4s} {'false alarms':>12s} {'raw':>6s}")
    for name, by_profile in detector.files.items():
        s = by_profile["standard"]
        print(f"  {name:22s} {s.windows:7d} {s.hits:4d} {s.false_alarms:12d} {s.raw:6.2f}")
    print(f"  detectors:   {line(PROFILES, detector.totals)}")
    print(f"  floor (24h): {line(PROFILES, floor.totals)}")

    series = [load_series(p)[1:] for p in sorted((args.data / "realTraffic").glob("*.csv"))]
    readings = sum(len(stamps) for stamps, _ in series)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        for stamps, values in series:
            score_series(stamps, list(values))
        timings.append(time.perf_counter() - started)
    best = min(timings)
    floor_started = time.perf_counter()
    for stamps, values in series:
        floor_alerts(stamps, values)
    floor_time = time.perf_counter() - floor_started
    print(
        f"  throughput:  {readings / best:,.0f} readings/s ({1e6 * best / readings:.1f} µs per "
        f"update, best of 3; floor {readings / floor_time:,.0f} readings/s, "
        f"ratio {floor_time / best:.1f}x)"
    )
    if args.sensitivity:
        sensitivity(args.data, detector.totals["standard"])
    ok = detector.totals["standard"] >= TARGET
    print(f"standard {detector.totals['standard']:.1f} (target >= {TARGET:.0f})")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
