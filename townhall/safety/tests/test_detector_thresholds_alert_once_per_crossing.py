"""Fixed thresholds: crossing a limit alerts once with score 1 and the limit's
reason; staying beyond it does not alert again; a missing reading is quiet."""

from __future__ import annotations

from townhall.safety.detectors import SensorDetector, Thresholds, Verdict


def test_a_limit_alerts_when_crossed_not_while_exceeded():
    detector = SensorDetector(thresholds=Thresholds(low=0.0, high=100.0))
    values = [50.0, 120.0, 130.0, None, 50.0, 110.0, -5.0]
    verdicts = [detector.update(1_700_000_000.0 + 60 * i, v) for i, v in enumerate(values)]
    assert [(v.alert, v.reason) for v in verdicts] == [
        (False, ""),
        (True, "threshold-high"),
        (False, "threshold-high"),
        (False, ""),
        (False, ""),
        (True, "threshold-high"),
        (True, "threshold-low"),
    ]
    assert verdicts[1].score == 1.0
    assert verdicts[3] == Verdict(score=0.0, alert=False, reason="")
