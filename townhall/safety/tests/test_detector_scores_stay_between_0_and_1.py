"""Whatever a sensor sends (rounding dust, huge swings, gaps, repeats), every
score is a number in [0, 1]; a sensor that sent near-identical values then
jumps scores 1, not NaN."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.safety.detectors import Params, score_series

SMALL = Params(window_span=6 * 3600, window_readings=24, min_readings=4, season_min_days=0.1)
values = st.one_of(
    st.none(),
    st.sampled_from([0.0, 5e-324, -5e-324, 1e-300, 1e300, -1e300]),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1, 60, 300, 7200]), values), min_size=1, max_size=60))
def test_every_score_is_between_0_and_1(steps):
    t, stamps, readings = 1_700_000_000, [], []
    for gap, value in steps:
        t += gap
        stamps.append(float(t))
        readings.append(value)
    for verdict in score_series(stamps, readings, params=SMALL):
        assert 0.0 <= verdict.score <= 1.0, verdict
        assert not math.isnan(verdict.score)


def test_a_jump_after_rounding_dust_alerts():
    stamps = [1_700_000_000.0 + 60 * i for i in range(12)]
    readings = [0.0, 5e-324] * 5 + [0.0, -659.3]
    last = score_series(stamps, readings, params=SMALL)[-1]
    assert last.alert and 0.999 < last.score <= 1.0
