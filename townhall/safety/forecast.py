"""Next-24-hours forecasts for river-level and air-quality sensors.

Readings are averaged into hours, and an exponential-smoothing state-space
model (statsmodels ETS: additive error, damped additive trend, additive
daily season) gives the mean and an 80% prediction interval. If the mean
crosses the sensor's upper threshold within the horizon, the forecast says
when: that is the "likely to exceed" warning, raised before the reading does.

`hourly` and `forecast_hours` are pure (numpy and statsmodels only);
`sensor_forecast` reads a sensor's recent readings.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

HORIZON_HOURS = 24
SEASON_HOURS = 24
# Two weeks of hours: enough for the daily season, short enough to follow change.
HISTORY_HOURS = 14 * 24
MIN_HOURS = 3 * SEASON_HOURS
INTERVAL = 0.80


@dataclass(frozen=True)
class Forecast:
    hours: list[datetime]
    mean: list[float]
    lower: list[float]
    upper: list[float]
    threshold: float | None
    exceeds_at: datetime | None


def hourly(stamps: Sequence[int], values: Sequence[float]) -> tuple[int, np.ndarray]:
    """(first hour's Unix second, hourly means); hours with no reading are
    filled by linear interpolation (gaps at the ends take the nearest hour)."""
    ts = np.asarray(stamps, dtype=np.int64)
    vs = np.asarray(values, dtype=float)
    hours = ts - ts % 3600
    first = int(hours.min())
    slots = (hours - first) // 3600
    count = int(slots.max()) + 1
    sums = np.bincount(slots, weights=vs, minlength=count)
    counts = np.bincount(slots, minlength=count)
    known = counts > 0
    means = np.empty(count)
    means[known] = sums[known] / counts[known]
    positions = np.arange(count)
    means[~known] = np.interp(positions[~known], positions[known], means[known])
    return first, means


def forecast_hours(series: np.ndarray, *, horizon: int = HORIZON_HOURS) -> tuple[np.ndarray, ...]:
    """(mean, lower, upper) for the next `horizon` hours of an hourly series."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    model = ETSModel(
        pd.Series(series, index=pd.RangeIndex(len(series))),
        error="add",
        trend="add",
        damped_trend=True,
        seasonal="add",
        seasonal_periods=SEASON_HOURS,
    )
    with warnings.catch_warnings():
        # Convergence chatter on short or flat series; the result is still usable.
        warnings.simplefilter("ignore")
        fitted = model.fit(disp=False, maxiter=200)
        frame = fitted.get_prediction(start=len(series), end=len(series) + horizon - 1)
        summary = frame.summary_frame(alpha=1 - INTERVAL)
    return (
        np.asarray(summary["mean"]),
        np.asarray(summary["pi_lower"]),
        np.asarray(summary["pi_upper"]),
    )


def forecast_from_readings(
    stamps: Sequence[int], values: Sequence[float], *, threshold: float | None
) -> Forecast | None:
    if len(stamps) < 2:
        return None
    first, full = hourly(stamps, values)
    series = full[-HISTORY_HOURS:]
    start = first + 3600 * (len(full) - len(series))
    if len(series) < MIN_HOURS or not np.isfinite(series).all():
        return None
    if float(np.ptp(series)) == 0.0:
        # A flat line forecasts itself; ETS cannot estimate a season from it.
        mean = lower = upper = np.full(HORIZON_HOURS, series[-1])
    else:
        mean, lower, upper = forecast_hours(series)
    base = datetime.fromtimestamp(start, tz=UTC) + timedelta(hours=len(series))
    hours = [base + timedelta(hours=h) for h in range(HORIZON_HOURS)]
    exceeds_at = None
    if threshold is not None:
        above = np.nonzero(mean > threshold)[0]
        if len(above):
            exceeds_at = hours[int(above[0])]

    def clean(array: Any) -> list[float]:
        return [float(x) if math.isfinite(float(x)) else float("nan") for x in array]

    return Forecast(hours, clean(mean), clean(lower), clean(upper), threshold, exceeds_at)


def sensor_forecast(sensor: Any, *, now: float | None = None) -> Forecast | None:
    """The forecast for a river-level or air-quality sensor, or None (another
    kind, or under three days of readings)."""
    import time

    from townhall.safety.kinds import KINDS
    from townhall.safety.models import Reading

    if not KINDS[sensor.kind].forecast:
        return None
    until = int(now if now is not None else time.time())
    rows = list(
        Reading.objects.filter(sensor=sensor, ts__gte=until - HISTORY_HOURS * 3600, ts__lte=until)
        .exclude(value=None)
        .order_by("ts")
        .values_list("ts", "value")
    )
    if not rows:
        return None
    stamps, values = zip(*rows, strict=True)
    return forecast_from_readings(stamps, values, threshold=sensor.threshold_high)
