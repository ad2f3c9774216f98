"""However batches fall between processes (each rebuilding its detector from
the checkpoint and the stored readings), the alerts are exactly those of one
detector fed every reading, and readings flagged out of order change nothing."""

from __future__ import annotations

import math
import time

import pytest

from townhall.safety import services_detection
from townhall.safety.batch import RawReading
from townhall.safety.detectors import SensorDetector, Thresholds, score_series
from townhall.safety.models import Alert, DetectorCheckpoint, Sensor
from townhall.safety.services import sensor_readings_ingest
from townhall.safety.services_detection import detectors_forget
from townhall.safety.tests.conftest import sensor_make

pytestmark = pytest.mark.django_db
START = (int(time.time()) - 20 * 86_400) // 86_400 * 86_400


def series() -> tuple[list[int], list[float | None]]:
    stamps = [START + 600 * i for i in range(2500)]
    values: list[float | None] = [
        2.0 + 0.4 * math.sin(2 * math.pi * (ts % 86_400) / 86_400) + 0.02 * ((i * 37) % 11)
        for i, ts in enumerate(stamps)
    ]
    for i in (900, 1700, 2300):
        values[i] = 9.0  # spikes
    for i in range(2000, 2040):
        values[i] = None  # an outage
    return stamps, values


def ingest(network, code: str, stamps, values, *, batch: int, cold: bool) -> list[tuple[int, str]]:
    for start in range(0, len(stamps), batch):
        if cold:
            detectors_forget()  # as if the next batch reached another process
        readings = [
            RawReading(i, code, stamps[i], values[i])
            for i in range(start, min(start + batch, len(stamps)))
        ]
        sensor_readings_ingest(network=network, readings=readings)
    return list(Alert.objects.filter(sensor__code=code).order_by("ts").values_list("ts", "reason"))


def test_cold_and_warm_processes_raise_the_same_alerts(network_with_key, monkeypatch):
    network, _key = network_with_key
    monkeypatch.setattr(services_detection, "CHECKPOINT_READINGS", 97)
    stamps, values = series()
    sensor_make(network, "warm", threshold_high=8.0)
    sensor_make(network, "cold", threshold_high=8.0)
    warm = ingest(network, "warm", stamps, values, batch=50, cold=False)
    cold = ingest(network, "cold", stamps, values, batch=31, cold=True)
    verdicts = score_series(stamps, values, thresholds=Thresholds(high=8.0))
    expected = [(ts, v.reason) for ts, v in zip(stamps, verdicts, strict=True) if v.alert]
    assert len(expected) >= 3
    assert warm == expected
    assert cold == expected
    cold_sensor = Sensor.objects.get(code="cold")
    assert cold_sensor.detector_state_ts is not None
    assert DetectorCheckpoint.objects.filter(sensor=cold_sensor).exists()
    # Not only the alerts: the rebuilt detector is the one fed every reading.
    whole = SensorDetector(thresholds=Thresholds(high=8.0))
    for ts, value in zip(stamps, values, strict=True):
        whole.update(float(ts), value)
    live = services_detection._live[Sensor.objects.get(code="cold").pk].detector
    assert live.to_state() == whole.to_state()


def test_a_late_reading_is_stored_but_not_fed_to_the_detector(network_with_key):
    network, _key = network_with_key
    stamps, values = series()
    sensor_make(network, "late", threshold_high=8.0)
    ingest(network, "late", stamps[:1000], values[:1000], batch=100, cold=False)
    sensor_readings_ingest(
        network=network, readings=[RawReading(0, "late", stamps[500] + 1, 50.0)]
    )  # out of order, and far above the threshold
    detectors_forget()
    rest = ingest(network, "late", stamps[1000:], values[1000:], batch=100, cold=True)
    verdicts = score_series(stamps, values, thresholds=Thresholds(high=8.0))
    expected = [(ts, v.reason) for ts, v in zip(stamps, verdicts, strict=True) if v.alert]
    assert rest == expected
