"""Retention: raw readings older than TOWNHALL_SAFETY_RAW_DAYS become hourly
summaries (count, mean, min, max of the values present), sensor by sensor,
each in one transaction, so an interrupted run leaves every sensor either
folded or untouched."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from tqdm import tqdm

from townhall.safety.models import HourlySummary, Reading, Sensor


def readings_downsample(*, now: float | None = None, progress: bool = False) -> int:
    """Fold old readings into hours; returns how many raw readings were folded."""
    cutoff = int(now if now is not None else time.time()) - settings.SAFETY_RAW_DAYS * 86_400
    # Whole hours only: an hour that straddles the cutoff waits for the next run.
    cutoff -= cutoff % 3600
    folded = 0
    sensor_ids = list(Sensor.objects.values_list("pk", flat=True))
    for sensor_id in tqdm(sensor_ids, desc="sensors", unit="sensor", disable=not progress):
        folded += _fold(sensor_id, cutoff)
    return folded


@transaction.atomic
def _fold(sensor_id: int, cutoff: int) -> int:
    old = Reading.objects.filter(sensor_id=sensor_id, ts__lt=cutoff)
    groups: dict[int, list[float]] = {}
    count = 0
    for ts, value in old.values_list("ts", "value").iterator(chunk_size=5000):
        count += 1
        values = groups.setdefault(ts - ts % 3600, [])
        if value is not None:
            values.append(value)
    if not count:
        return 0
    existing = {
        s.hour_ts: s
        for s in HourlySummary.objects.filter(sensor_id=sensor_id, hour_ts__in=list(groups))
    }
    new_rows, changed = [], []
    for hour, values in groups.items():
        summary = existing.get(hour)
        if summary is None:
            summary = HourlySummary(sensor_id=sensor_id, hour_ts=hour, count=0)
            new_rows.append(summary)
        else:
            # A late reading for an hour already folded joins that hour's summary.
            changed.append(summary)
        if not values:
            continue
        total = (summary.mean or 0.0) * summary.count + sum(values)
        summary.count += len(values)
        summary.mean = total / summary.count
        summary.minimum = min(values + ([summary.minimum] if summary.minimum is not None else []))
        summary.maximum = max(values + ([summary.maximum] if summary.maximum is not None else []))
    HourlySummary.objects.bulk_create(new_rows, batch_size=1000)
    HourlySummary.objects.bulk_update(changed, ["count", "mean", "minimum", "maximum"])
    old.delete()
    return count
