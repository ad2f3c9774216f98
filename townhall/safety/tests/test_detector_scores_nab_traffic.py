"""Issue #7: at least 85 on NAB's standard profile over the seven realTraffic
files, the `alert` column as the detections and default parameters, far above
the README's floor detector (bench/nab_bench.py prints the details)."""

from __future__ import annotations

from bench.nab_bench import detector_alerts, floor_alerts, score
from conftest import shared_data
from townhall.safety.detectors import Params


def test_the_detectors_score_at_least_85_and_beat_the_floor():
    data = shared_data("nab", "realTraffic").parent
    ours = score(detector_alerts(Params()), data).totals
    floor = score(floor_alerts, data).totals
    assert floor["standard"] < 0
    assert ours["standard"] >= 85
    assert all(ours[name] > floor[name] + 50 for name in ours)
