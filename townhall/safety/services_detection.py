"""Running each sensor's detector on its new readings, inside the ingester's
transaction.

A detector's state is checkpointed (DetectorCheckpoint, a table of its own) every
CHECKPOINT_READINGS readings, and each process keeps its detectors in memory
between batches, so a batch costs the detector's updates and nothing more.
A process whose copy is not current (another process ingested since, a batch
rolled back, the process restarted, the sensor changed kind) rebuilds it
from the checkpoint and the stored readings after it: the readings the
detector was fed, in the order it was fed them (every stored reading but
those flagged out of order). The verdicts are therefore exactly those of one
detector fed every reading, whichever process ingests which batch.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from townhall.safety import detectors
from townhall.safety.batch import RawReading
from townhall.safety.models import Alert, DetectorCheckpoint, Quality, Reading, Sensor
from townhall.safety.services_incidents import incident_for_alert

# Rebuilding replays at most this many readings (about 25 ms); saving a
# checkpoint costs about as much as scoring 200 readings.
CHECKPOINT_READINGS = 5000


@dataclass
class _Live:
    detector: detectors.SensorDetector
    seen_ts: int | None  # the newest reading second it was fed
    checkpoint_ts: int | None
    epoch: int
    since_checkpoint: int


# Per process. A sensor's entry is only used under its row lock (the ingester's
# select_for_update), so two threads never feed one detector at once; the
# mutex only guards the dictionary itself.
_live: dict[int, _Live] = {}
_live_mutex = threading.Lock()


def detectors_forget() -> None:
    """Drop every in-memory detector (tests; a process that wants to start cold)."""
    with _live_mutex:
        _live.clear()


def _thresholds(sensor: Sensor) -> detectors.Thresholds:
    return detectors.Thresholds(low=sensor.threshold_low, high=sensor.threshold_high)


def _rebuild(sensor: Sensor, stored_until: int | None) -> _Live:
    checkpoint_ts = sensor.detector_state_ts
    state = None
    if checkpoint_ts is not None:
        rows = DetectorCheckpoint.objects.filter(sensor_id=sensor.pk)
        state = rows.values_list("state", flat=True).first()
    thresholds = _thresholds(sensor)
    if state:
        detector = detectors.SensorDetector.from_state(state, thresholds=thresholds)
    else:
        # No checkpoint (or it was lost): learn from every stored reading.
        detector, checkpoint_ts = detectors.SensorDetector(thresholds=thresholds), None
    replayed = 0
    if stored_until is not None:
        rows = Reading.objects.filter(sensor_id=sensor.pk, ts__lte=stored_until).exclude(
            quality=Quality.OUT_OF_ORDER
        )
        if checkpoint_ts is not None:
            rows = rows.filter(ts__gt=checkpoint_ts)
        for ts, value in rows.order_by("ts").values_list("ts", "value").iterator(chunk_size=5000):
            detector.update(float(ts), value)
            replayed += 1
    return _Live(detector, stored_until, checkpoint_ts, sensor.detector_epoch, replayed)


def readings_detect(
    *,
    sensor: Sensor,
    fresh: list[RawReading],
    stored_until: int | None,
    received_at: datetime,
) -> tuple[list[Alert], bool]:
    """Feed `fresh` (in time order, all newer than `stored_until`, the sensor's
    newest stored reading before this batch) to the sensor's detector.

    Returns the alerts raised (each opening or joining an incident) and
    whether a checkpoint was written (the sensor's `detector_state_ts`
    changed and needs saving with its row).
    """
    with _live_mutex:
        live = _live.get(sensor.pk)
    current = (
        live is not None
        and live.seen_ts == stored_until
        and live.epoch == sensor.detector_epoch
        and live.checkpoint_ts == sensor.detector_state_ts
    )
    if not current:
        live = _rebuild(sensor, stored_until)
    assert live is not None
    live.detector.thresholds = _thresholds(sensor)
    alerts = []
    update = live.detector.update
    for reading in fresh:
        verdict = update(float(reading.ts), reading.value)
        if verdict.alert:
            alert = Alert.objects.create(
                sensor=sensor,
                ts=reading.ts,
                value=reading.value,
                score=verdict.score,
                reason=verdict.reason or "unusual",
                received_at=received_at,
                raised_at=timezone.now(),
            )
            alert.incident = incident_for_alert(alert=alert, sensor=sensor)
            alert.save(update_fields=["incident"])
            alerts.append(alert)
    live.seen_ts = fresh[-1].ts
    live.since_checkpoint += len(fresh)
    checkpoint = live.checkpoint_ts is None or live.since_checkpoint >= CHECKPOINT_READINGS
    if checkpoint:
        _checkpoint_save(sensor.pk, live.detector.to_state())
        sensor.detector_state_ts = live.seen_ts
        live.checkpoint_ts, live.since_checkpoint = live.seen_ts, 0
    with _live_mutex:
        _live[sensor.pk] = live
    return alerts, checkpoint


def _checkpoint_save(sensor_id: int, state: dict[str, object]) -> None:
    field = DetectorCheckpoint._meta.get_field("state")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO safety_detectorcheckpoint (sensor_id, state) VALUES (%s, %s) "
            "ON CONFLICT (sensor_id) DO UPDATE SET state = excluded.state",
            [sensor_id, field.get_db_prep_save(state, connection)],
        )
