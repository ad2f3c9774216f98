"""Weekly demand: exponential smoothing, kept only if it beats a seasonal-naive baseline.

Pure module (statsmodels, no Django). Both methods are backtested on the last
`horizon` weeks of history (fitted on what came before); the one with the lower
mean absolute error makes the forecast, and the page shows both errors so that a
manager can see whether the model earns its keep.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

HORIZON = 12
YEAR = 52
Z80 = 1.2815515655446004  # the normal quantile for a two-sided 80% interval


@dataclass(frozen=True)
class Forecast:
    method: str  # "exponential smoothing" or "seasonal naive"
    season: int  # the season length used, in weeks
    mean: list[float]
    low: list[float]  # 80% interval
    high: list[float]
    smoothing_mae: float | None  # backtest errors; None when history was too short
    naive_mae: float | None


def _season(n: int, horizon: int) -> int:
    # A yearly season needs two years to estimate and a held-out stretch to test;
    # short of that, a four-week cycle (paydays, month ends) is the one to try.
    return YEAR if n >= 2 * YEAR + horizon else 4


def seasonal_naive(history: Sequence[float], horizon: int, season: int) -> Forecast:
    y = np.asarray(history, dtype=float)
    m = min(season, len(y))
    mean = [float(y[len(y) - m + (h % m)]) for h in range(horizon)]
    diffs = y[m:] - y[:-m] if len(y) > m else np.array([0.0])
    sd = float(np.std(diffs, ddof=1)) if len(diffs) > 1 else 0.0
    spread = [Z80 * sd * math.sqrt(h // m + 1) for h in range(horizon)]
    return Forecast(
        "seasonal naive",
        m,
        mean,
        [max(a - s, 0.0) for a, s in zip(mean, spread, strict=True)],
        [a + s for a, s in zip(mean, spread, strict=True)],
        None,
        None,
    )


def exponential_smoothing(history: Sequence[float], horizon: int, season: int) -> Forecast:
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    # A Series, not an array: statsmodels 0.14's ETS prediction needs an index.
    y = pd.Series(np.asarray(history, dtype=float))
    seasonal = "add" if len(y) >= 2 * season + 2 else None
    model = ETSModel(
        y,
        error="add",
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=season if seasonal else None,
    )
    with warnings.catch_warnings():
        # Convergence chatter on short, flat series: the backtest judges the fit.
        warnings.simplefilter("ignore")
        fit = model.fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=0.2)
    mean = [max(float(v), 0.0) for v in frame["mean"]]
    return Forecast(
        "exponential smoothing",
        season,
        mean,
        [max(float(v), 0.0) for v in frame["pi_lower"]],
        [max(float(v), 0.0) for v in frame["pi_upper"]],
        None,
        None,
    )


def _mae(forecast: Sequence[float], actual: Sequence[float]) -> float:
    return float(np.mean(np.abs(np.asarray(forecast) - np.asarray(actual))))


def demand_forecast(history: Sequence[float], *, horizon: int = HORIZON) -> Forecast | None:
    """The next `horizon` weeks after `history` (weekly counts, oldest first), or None
    when there are fewer than `horizon` + 8 weeks to fit and test on."""
    if len(history) < horizon + 8:
        return None
    if any(v < 0 or not math.isfinite(v) for v in history):
        raise ValueError("weekly counts must be finite and 0 or more")
    season = _season(len(history), horizon)
    train, test = list(history[:-horizon]), list(history[-horizon:])
    naive_mae = _mae(seasonal_naive(train, horizon, season).mean, test)
    smoothing_mae = _mae(exponential_smoothing(train, horizon, season).mean, test)
    make = exponential_smoothing if smoothing_mae < naive_mae else seasonal_naive
    chosen = make(history, horizon, season)
    return Forecast(
        chosen.method,
        chosen.season,
        chosen.mean,
        chosen.low,
        chosen.high,
        smoothing_mae,
        naive_mae,
    )
