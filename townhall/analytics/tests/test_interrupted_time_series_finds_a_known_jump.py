import math

import pytest

from townhall.analytics.impact import interrupted_time_series


def series(level_jump, trend_change, *, n=24, change_at=12):
    # A steady trend, a fixed wobble (no randomness), and the change at period 12.
    return [
        10 + 0.5 * t + 0.3 * math.sin(t * 1.7)
        + (level_jump + trend_change * (t - change_at) if t >= change_at else 0)
        for t in range(n)
    ]  # fmt: skip


def test_it_recovers_the_jump_and_the_change_in_trend_inside_their_intervals():
    impact = interrupted_time_series(series(5.0, -0.4), 12)
    assert impact.level_low < 5.0 < impact.level_high
    assert impact.trend_low < -0.4 < impact.trend_high
    assert impact.level_change == pytest.approx(5.0, abs=0.5)
    assert impact.level_low > 0  # a real jump: the interval leaves out zero
    assert (impact.before, impact.after) == (12, 12)


def test_no_change_gives_an_interval_around_zero():
    impact = interrupted_time_series(series(0.0, 0.0), 12)
    assert impact.level_low < 0 < impact.level_high
    assert impact.trend_low < 0 < impact.trend_high


def test_periods_without_a_figure_are_left_out_and_too_few_give_nothing():
    values = series(5.0, 0.0)
    values[3] = values[15] = None
    impact = interrupted_time_series(values, 12)
    assert (impact.before, impact.after) == (11, 11)
    assert interrupted_time_series([1.0, 2.0, None, 3.0, 4.0, 5.0], 3) is None
