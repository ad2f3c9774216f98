"""Retention: readings older than TOWNHALL_SAFETY_RAW_DAYS become hourly
summaries; recent ones stay as they are."""

from __future__ import annotations

import pytest

from townhall.safety.batch import RawReading
from townhall.safety.models import HourlySummary, Reading
from townhall.safety.services import sensor_readings_ingest
from townhall.safety.services_retention import readings_downsample
from townhall.safety.tests.conftest import sensor_make

pytestmark = pytest.mark.django_db
NOW = 1_800_000_000 - 1_800_000_000 % 3600


def test_old_hours_are_summarised_and_recent_readings_kept(network_with_key, settings):
    network, _key = network_with_key
    sensor = sensor_make(network, "riv-1")
    settings.SAFETY_RAW_DAYS = 365 * 10  # so the ingester accepts the old readings
    old = NOW - 40 * 86_400
    values = [1.0, 2.0, None, 6.0, 10.0, 20.0]
    readings = [RawReading(i, "riv-1", old + 900 * i, v) for i, v in enumerate(values)]
    readings.append(RawReading(9, "riv-1", NOW - 3600, 5.0))
    from datetime import UTC, datetime

    sensor_readings_ingest(
        network=network,
        readings=readings,
        received_at=datetime.fromtimestamp(NOW, UTC),
        detect=False,
    )
    settings.SAFETY_RAW_DAYS = 30
    assert readings_downsample(now=NOW) == 6
    rows = {
        s.hour_ts: (s.count, s.mean, s.minimum, s.maximum)
        for s in HourlySummary.objects.filter(sensor=sensor)
    }
    assert rows == {old: (3, 3.0, 1.0, 6.0), old + 3600: (2, 15.0, 10.0, 20.0)}
    assert list(Reading.objects.values_list("ts", flat=True)) == [NOW - 3600]
    assert readings_downsample(now=NOW) == 0
