import math

import pytest

from townhall.analytics.forecast import demand_forecast, seasonal_naive


def test_a_growing_series_is_forecast_by_smoothing_which_wins_the_backtest():
    # Growth of 3 a week with a small fixed wobble: seasonal naive lags behind by
    # a whole season's growth, a trend model does not.
    history = [50 + 3 * t + 2 * math.sin(t) for t in range(60)]
    forecast = demand_forecast(history)
    assert forecast.method == "exponential smoothing"
    assert forecast.smoothing_mae < forecast.naive_mae
    assert len(forecast.mean) == 12
    expected_next = 50 + 3 * 60
    assert forecast.low[0] <= expected_next <= forecast.high[0]
    assert forecast.mean[-1] > forecast.mean[0]
    assert all(
        lo <= m <= hi for lo, m, hi in zip(forecast.low, forecast.mean, forecast.high, strict=True)
    )


def test_a_strict_four_week_cycle_is_left_to_the_seasonal_naive_baseline():
    history = [10, 40, 10, 40] * 10  # nothing to learn beyond repeating the cycle
    forecast = demand_forecast(history)
    assert forecast.naive_mae == 0
    assert forecast.method == "seasonal naive"
    assert forecast.mean == [10.0, 40.0, 10.0, 40.0] * 3


def test_the_seasonal_naive_repeats_the_last_season():
    assert seasonal_naive([1, 2, 3, 4, 5, 6, 7, 8], 6, 4).mean == [5, 6, 7, 8, 5, 6]


def test_short_or_bad_history_is_refused():
    assert demand_forecast([5] * 19) is None
    with pytest.raises(ValueError, match="0 or more"):
        demand_forecast([5] * 19 + [-1])
