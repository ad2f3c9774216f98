"""The sensor page's forecast is fitted at most once an hour per sensor: the
model takes a good part of a second, and the page is visited far more often."""

from __future__ import annotations

import time

import pytest

from townhall.safety import selectors
from townhall.safety.batch import RawReading
from townhall.safety.services import sensor_readings_ingest
from townhall.safety.tests.conftest import sensor_make

pytestmark = pytest.mark.django_db


def test_it_refits_only_when_the_hour_or_the_threshold_changes(network_with_key, monkeypatch):
    network, _key = network_with_key
    now = int(time.time())
    sensor = sensor_make(network, "riv-1", threshold_high=5.0, expected_interval_s=900)
    stamps = range(now - 4 * 86_400, now, 900)
    readings = [
        RawReading(i, "riv-1", ts, 1.5 + (ts % 86_400) / 86_400) for i, ts in enumerate(stamps)
    ]
    sensor_readings_ingest(network=network, readings=readings, detect=False)
    fits = []
    real = selectors.sensor_forecast

    def counted(sensor, *, now):
        fits.append(now)
        return real(sensor, now=now)

    monkeypatch.setattr(selectors, "sensor_forecast", counted)
    first = selectors.sensor_forecast_cached(sensor=sensor, now=now)
    assert first is not None and len(first.mean) == 24
    assert selectors.sensor_forecast_cached(sensor=sensor, now=now + 1).mean == first.mean
    assert len(fits) == 1
    selectors.sensor_forecast_cached(sensor=sensor, now=now + 3600)
    assert len(fits) == 2
    sensor.threshold_high = 4.0
    assert selectors.sensor_forecast_cached(sensor=sensor, now=now + 3600).threshold == 4.0
    assert len(fits) == 3
