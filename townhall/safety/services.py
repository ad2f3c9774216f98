"""Writes: sensor networks and their keys, and reading ingestion.

`sensor_readings_ingest` is the one way readings enter Townhall, for the HTTP
API, the MQTT subscriber and the demo's replay alike. A batch is one
transaction: its readings, the counters, the detectors' new state and any
alerts (and the incidents they open) are stored together or not at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from townhall.safety.batch import RawReading
from townhall.safety.kinds import KINDS
from townhall.safety.models import (
    Alert,
    Quality,
    Reading,
    Sensor,
    SensorNetwork,
)
from townhall.safety.services_detection import readings_detect

KEY_PREFIX = "thsn_"
# A reading stamped further ahead than this is refused as "future_time":
# clocks drift, but not by this much.
FUTURE_TOLERANCE_S = 300
# A reading this many expected intervals after the previous one is flagged
# as the first after a gap.
GAP_INTERVALS = 3

# The quality flags as plain ints: compared once per reading.
OK, OUT_OF_ORDER, MISSING, AFTER_GAP = (
    int(Quality.OK),
    int(Quality.OUT_OF_ORDER),
    int(Quality.MISSING),
    int(Quality.AFTER_GAP),
)
FLAG_NAMES = {q: Quality(q).name.lower() for q in (OUT_OF_ORDER, MISSING, AFTER_GAP)}

REJECTIONS = ("unknown_sensor", "absurd_value", "duplicate", "future_time", "too_old")


# --- networks and keys --------------------------------------------------------


def _key_hash(key: str) -> str:
    # Keys are 190 random bits, so one SHA-256 is enough (no slow hash needed).
    return hashlib.sha256(key.encode()).hexdigest()


def network_create(*, slug: str, name: str, owner_agency: str) -> tuple[SensorNetwork, str]:
    """A new network and its API key, which is shown this once and never stored."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(24)}"
    network = SensorNetwork.objects.create(
        slug=slug, name=name, owner_agency=owner_agency, key_prefix=prefix, key_hash=_key_hash(key)
    )
    return network, key


def network_key_rotate(*, network: SensorNetwork) -> str:
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(24)}"
    network.key_prefix, network.key_hash = prefix, _key_hash(key)
    network.save(update_fields=["key_prefix", "key_hash"])
    return key


def network_for_key(key: str) -> SensorNetwork | None:
    """The live network a key belongs to, or None (wrong, revoked or malformed)."""
    parts = key.split("_")
    if len(parts) < 3 or f"{parts[0]}_" != KEY_PREFIX:
        return None
    network = SensorNetwork.objects.filter(key_prefix=parts[1], revoked_at__isnull=True).first()
    if network is None or not hmac.compare_digest(network.key_hash, _key_hash(key)):
        return None
    return network


# --- ingestion ----------------------------------------------------------------


@dataclass
class Rejection:
    index: int
    sensor: str
    reason: str


@dataclass
class IngestResult:
    stored: int = 0
    flagged: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejection] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "stored": self.stored,
            "flagged": dict(sorted(self.flagged.items())),
            "rejected": [
                {"index": r.index, "sensor": r.sensor, "reason": r.reason} for r in self.rejected
            ],
            "alerts": len(self.alerts),
        }


def _existing(sensor_id: int, stamps: list[int]) -> set[int]:
    found: set[int] = set()
    # Chunks keep each query far below SQLite's parameter limit.
    for start in range(0, len(stamps), 900):
        chunk = stamps[start : start + 900]
        found.update(
            Reading.objects.filter(sensor_id=sensor_id, ts__in=chunk).values_list("ts", flat=True)
        )
    return found


def sensor_readings_ingest(
    *,
    network: SensorNetwork,
    readings: list[RawReading],
    received_at: datetime | None = None,
    detect: bool = True,
) -> IngestResult:
    """Store a parsed batch for `network`'s sensors; see the module docstring.

    Each reading is stored (perhaps with a quality flag) or rejected with a
    reason; both are counted per network and day. With `detect`, in-order
    readings go through the sensor's detectors, and an alert opens or joins
    an incident.
    """
    received_at = received_at or timezone.now()
    now_s = int(received_at.timestamp())
    oldest_s = now_s - settings.SAFETY_RAW_DAYS * 86_400
    result = IngestResult()
    by_sensor: dict[str, list[RawReading]] = defaultdict(list)
    for reading in readings:
        by_sensor[reading.sensor].append(reading)

    with transaction.atomic():
        sensors = {
            sensor.code: sensor
            for sensor in Sensor.objects.select_for_update().filter(
                network=network, code__in=list(by_sensor), active=True
            )
        }
        stored_until = {sensor.pk: sensor.last_ts for sensor in sensors.values()}
        rows: list[tuple[int, int, float | None, int]] = []
        to_detect: list[tuple[Sensor, list[RawReading]]] = []
        touched: list[Sensor] = []
        for code, batch in by_sensor.items():
            sensor = sensors.get(code)
            if sensor is None:
                result.rejected.extend(Rejection(r.index, code, "unknown_sensor") for r in batch)
                continue
            kind = KINDS[sensor.kind]
            batch.sort(key=lambda r: r.ts)
            last_ts = sensor.last_ts
            candidates = [r.ts for r in batch if last_ts is not None and r.ts <= last_ts]
            stored_before = _existing(sensor.pk, candidates) if candidates else set()
            seen: set[int] = set()
            fresh: list[RawReading] = []
            # Hoisted out of the loop, which runs once per reading.
            pk, low, high = sensor.pk, kind.minimum, kind.maximum
            future, gap = now_s + FUTURE_TOLERANCE_S, GAP_INTERVALS * sensor.expected_interval_s
            for r in batch:
                ts, value = r.ts, r.value
                reason = ""
                if ts > future:
                    reason = "future_time"
                elif ts < oldest_s:
                    reason = "too_old"
                elif ts in seen or ts in stored_before:
                    reason = "duplicate"
                elif value is not None and not low <= value <= high:
                    reason = "absurd_value"
                if reason:
                    result.rejected.append(Rejection(r.index, code, reason))
                    continue
                seen.add(ts)
                if value is None:
                    quality = MISSING
                elif last_ts is None:
                    quality = OK
                elif ts < last_ts:
                    quality = OUT_OF_ORDER
                elif ts - last_ts > gap:
                    quality = AFTER_GAP
                else:
                    quality = OK
                rows.append((pk, ts, value, quality))
                if quality != OK:
                    result.flagged[FLAG_NAMES[quality]] += 1
                if quality != OUT_OF_ORDER:
                    fresh.append(r)
                    if value is not None:
                        sensor.last_value = value
                    last_ts = ts
            if last_ts != sensor.last_ts:
                sensor.last_ts = last_ts
                touched.append(sensor)
            if fresh:
                to_detect.append((sensor, fresh))
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO safety_reading (sensor_id, ts, value, quality) "
                    "VALUES (%s, %s, %s, %s)",
                    rows,
                )
        result.stored = len(rows)
        checkpointed: list[Sensor] = []
        if detect:
            for sensor, fresh in to_detect:
                alerts, checkpoint = readings_detect(
                    sensor=sensor,
                    fresh=fresh,
                    stored_until=stored_until[sensor.pk],
                    received_at=received_at,
                )
                result.alerts.extend(alerts)
                if checkpoint:
                    checkpointed.append(sensor)
        _sensors_save(touched, checkpointed)
        _count(network, received_at, result)
    return result


def _sensors_save(touched: list[Sensor], checkpointed: list[Sensor]) -> None:
    # Prepared UPDATEs through executemany: Django's bulk_update builds a CASE
    # expression per field, which cost more than the inserts.
    with_checkpoint = {s.pk for s in checkpointed}
    plain = [(s.last_ts, s.last_value, s.pk) for s in touched if s.pk not in with_checkpoint]
    marked = [(s.last_ts, s.last_value, s.detector_state_ts, s.pk) for s in checkpointed]
    with connection.cursor() as cursor:
        if plain:
            cursor.executemany(
                "UPDATE safety_sensor SET last_ts = %s, last_value = %s WHERE id = %s", plain
            )
        if marked:
            cursor.executemany(
                "UPDATE safety_sensor SET last_ts = %s, last_value = %s, detector_state_ts = %s "
                "WHERE id = %s",
                marked,
            )


def _count(network: SensorNetwork, at: datetime, result: IngestResult) -> None:
    counts: Counter[str] = Counter()
    counts["stored"] = result.stored
    for flag, n in result.flagged.items():
        counts[f"flagged:{flag}"] += n
    for rejection in result.rejected:
        counts[f"rejected:{rejection.reason}"] += 1
    day = at.astimezone(UTC).date()
    rows = [(network.pk, day, outcome, n) for outcome, n in counts.items() if n]
    # One statement per outcome that adds to the day's row or creates it, so
    # two batches of one network never race on creating the same row.
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO safety_ingestcount (network_id, day, outcome, count) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (network_id, day, outcome) "
            "DO UPDATE SET count = safety_ingestcount.count + excluded.count",
            rows,
        )
