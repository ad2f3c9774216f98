"""bench/nab_score.py against hand-worked cases of the rules in
../shared/data/nab/README.md."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest

from bench.nab_score import PROFILES, normalised, probation_rows, scaled_sigmoid, score_file

STANDARD, LOW_FP, LOW_FN = PROFILES
START = datetime(2015, 9, 1)
TIMES = [START + timedelta(minutes=5 * i) for i in range(100)]  # probation: 15 rows


def window(first, last):
    return (TIMES[first], TIMES[last])


def alerts(*rows):
    return [i in rows for i in range(100)]


def test_the_probation_is_15_percent_capped_at_750_rows():
    assert (probation_rows(100), probation_rows(2162), probation_rows(9000)) == (15, 324, 750)


def test_the_sigmoid_is_the_readmes():
    assert scaled_sigmoid(0.0) == 0.0
    assert scaled_sigmoid(-1.0) == pytest.approx(2 / (1 + math.exp(-5)) - 1)
    assert scaled_sigmoid(3.5) == -1.0


def test_an_early_hit_earns_more_than_a_late_one_and_extra_hits_change_nothing():
    windows = [window(40, 49)]
    first = score_file(TIMES, alerts(40), windows, STANDARD)
    assert first.raw == pytest.approx(1.0)
    last = score_file(TIMES, alerts(49), windows, STANDARD)
    assert last.raw == pytest.approx(scaled_sigmoid(-0.1) / scaled_sigmoid(-1))
    assert score_file(TIMES, alerts(40, 45, 49), windows, STANDARD).raw == pytest.approx(1.0)


def test_a_missed_window_costs_a_fn_and_false_alarms_cost_by_distance():
    windows = [window(40, 49)]
    missed = score_file(TIMES, alerts(), windows, LOW_FN)
    assert (missed.raw, missed.hits) == (-2.0, 0)
    before = score_file(TIMES, alerts(20, 30), windows, STANDARD)
    assert before.raw == pytest.approx(-1.0 - 2 * 0.11)
    assert before.false_alarms == 2
    just_after = score_file(TIMES, alerts(51), windows, LOW_FP)
    assert just_after.raw == pytest.approx(-1.0 + 0.22 * scaled_sigmoid(2 / 9))
    far_after = score_file(TIMES, alerts(90), windows, STANDARD)
    assert far_after.raw == pytest.approx(-1.0 - 0.11)


def test_detections_and_windows_in_the_probation_do_not_count():
    result = score_file(TIMES, alerts(5, 12), [window(2, 10), window(40, 49)], STANDARD)
    assert (result.windows, result.false_alarms, result.raw) == (1, 0, -1.0)


def test_the_normalised_score_runs_from_null_to_perfect():
    assert normalised(-14.0, 14, STANDARD) == 0.0
    assert normalised(14.0, 14, STANDARD) == 100.0
    assert normalised(0.0, 14, LOW_FN) == pytest.approx(100 * 28 / 42)
