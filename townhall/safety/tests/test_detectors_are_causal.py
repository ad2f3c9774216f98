"""A reading's verdict depends only on the readings before it (issue #7): scoring
a prefix gives the same verdicts as scoring the whole series, and a detector
saved to JSON at any point carries on exactly as the original."""

from __future__ import annotations

import json
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.safety.detectors import (
    Params,
    SensorDetector,
    Thresholds,
    _mad,
    score_series,
)

# Small windows and short seasons make every code path run within a few
# dozen readings: window expiry, the seasonal offsets, the hold-off.
SMALL = Params(window_span=6 * 3600, window_readings=24, min_readings=4, season_min_days=0.1)

readings = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=7200),
        st.one_of(st.none(), st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)),
    ),
    min_size=1,
    max_size=120,
)


def series(steps):
    stamps, values, t = [], [], 1_700_000_000
    for gap, value in steps:
        t += gap
        stamps.append(float(t))
        values.append(value)
    return stamps, values


@settings(max_examples=150, deadline=None)
@given(steps=readings, cut=st.integers(min_value=0, max_value=120))
def test_a_prefix_scores_as_it_does_inside_the_whole_series(steps, cut):
    stamps, values = series(steps)
    cut = min(cut, len(stamps))
    whole = score_series(stamps, values, params=SMALL)
    assert score_series(stamps[:cut], values[:cut], params=SMALL) == whole[:cut]


@settings(max_examples=150, deadline=None)
@given(steps=readings, cut=st.integers(min_value=0, max_value=120))
def test_a_saved_detector_carries_on_exactly(steps, cut):
    stamps, values = series(steps)
    cut = min(cut, len(stamps))
    limits = Thresholds(low=-900.0, high=900.0)
    whole = score_series(stamps, values, thresholds=limits, params=SMALL)
    first = SensorDetector(thresholds=limits, params=SMALL)
    head = [first.update(t, v) for t, v in zip(stamps[:cut], values[:cut], strict=True)]
    saved = json.loads(json.dumps(first.to_state()))
    second = SensorDetector.from_state(saved, thresholds=limits)
    tail = [second.update(t, v) for t, v in zip(stamps[cut:], values[cut:], strict=True)]
    assert head + tail == whole


def test_the_default_detector_resumes_exactly_after_a_week_of_readings():
    stamps = [1_700_000_000.0 + 300 * i for i in range(2400)]
    values = [50 + 10 * ((i % 288) > 100) + (i * 7919 % 13) / 3 for i in range(2400)]
    values[2000] = 400.0
    whole = score_series(stamps, values)
    first = SensorDetector()
    head = [first.update(t, v) for t, v in zip(stamps[:1990], values[:1990], strict=True)]
    state = json.dumps(first.to_state())
    assert len(state) < 30_000
    second = SensorDetector.from_state(json.loads(state))
    tail = [second.update(t, v) for t, v in zip(stamps[1990:], values[1990:], strict=True)]
    assert head + tail == whole
    assert whole[2000].alert


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60))
def test_the_fast_mad_is_the_median_absolute_deviation(values):
    ordered = sorted(values)
    centre = statistics.median(ordered)
    expected = statistics.median(abs(v - centre) for v in ordered)
    assert abs(_mad(ordered, centre) - expected) <= 1e-9 * (1 + abs(expected))
