"""River-level forecasts: a rising river is forecast to cross its threshold
before any reading does, and the warning is raised once."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from townhall.safety.batch import RawReading
from townhall.safety.forecast import forecast_from_readings, hourly, sensor_forecast
from townhall.safety.models import Alert
from townhall.safety.services import sensor_readings_ingest
from townhall.safety.services_incidents import forecast_alerts_raise
from townhall.safety.tests.conftest import sensor_make


def rising_river(hours: int, end: int) -> tuple[list[int], list[float]]:
    stamps = list(range(end - hours * 3600, end, 900))
    values = [
        1.5 + 0.004 * (ts - stamps[0]) / 900 + 0.05 * math.sin(2 * math.pi * (ts % 86400) / 86400)
        for ts in stamps
    ]
    return stamps, values


def test_hourly_means_fill_gaps_between_readings():
    first, series = hourly([0, 600, 7200 + 60], [1.0, 3.0, 5.0])
    assert first == 0
    assert series.tolist() == [2.0, 3.5, 5.0]


def test_a_steady_rise_is_forecast_to_cross_with_an_interval():
    stamps, values = rising_river(5 * 24, 1_800_000_000)
    forecast = forecast_from_readings(stamps, values, threshold=max(values) + 0.15)
    assert forecast is not None and len(forecast.hours) == 24
    assert all(
        lo <= m <= hi
        for lo, m, hi in zip(forecast.lower, forecast.mean, forecast.upper, strict=True)
    )
    assert forecast.mean[-1] > values[-1]
    assert forecast.exceeds_at is not None
    assert forecast.exceeds_at.timestamp() > stamps[-1]


def test_too_little_history_gives_no_forecast():
    stamps, values = rising_river(24, 1_800_000_000)
    assert forecast_from_readings(stamps, values, threshold=3.0) is None
    assert forecast_from_readings([], [], threshold=3.0) is None


def test_a_flat_series_forecasts_itself():
    stamps = list(range(0, 4 * 86400, 900))
    forecast = forecast_from_readings(stamps, [2.0] * len(stamps), threshold=3.0)
    assert forecast is not None and np.allclose(forecast.mean, 2.0)
    assert forecast.exceeds_at is None


@pytest.mark.django_db
def test_the_warning_alert_is_raised_once_for_a_rising_river(network_with_key):
    network, _key = network_with_key
    now = int(time.time())
    stamps, values = rising_river(5 * 24, now - 60)
    sensor = sensor_make(
        network, "riv-1", threshold_high=max(values) + 0.15, expected_interval_s=900
    )
    sensor_readings_ingest(
        network=network,
        readings=[
            RawReading(i, "riv-1", ts, v)
            for i, (ts, v) in enumerate(zip(stamps, values, strict=True))
        ],
        detect=False,
    )
    assert sensor_forecast(sensor).exceeds_at is not None
    first = forecast_alerts_raise()
    assert [a.reason for a in first] == ["forecast-exceed"]
    assert first[0].incident is not None and first[0].incident.kind == "flood"
    assert forecast_alerts_raise() == []
    assert Alert.objects.count() == 1
