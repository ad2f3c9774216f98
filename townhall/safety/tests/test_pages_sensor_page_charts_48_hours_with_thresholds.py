"""A sensor's page: its registry fields, last reading, a line chart of the
last 48 hours with its thresholds drawn, the same readings as a table, and
its recent alerts."""

from __future__ import annotations

import math
import re

from django.utils import timezone

from townhall.safety.models import Alert, Reading, SensorNetwork
from townhall.safety.tests.conftest import sensor_make


def _sensor():
    network = SensorNetwork.objects.create(
        slug="rivers",
        name="River gauges",
        owner_agency="River Agency",
        key_prefix="s1",
        key_hash="0" * 64,
    )
    return sensor_make(
        network,
        "riv-7",
        name="Quay gauge",
        threshold_high=3.5,
        threshold_low=0.2,
        expected_interval_s=900,
    )


def test_the_chart_table_and_alerts(operator, signed_in):
    sensor = _sensor()
    now = int(timezone.now().timestamp())
    # Every 15 minutes for 47 hours, one missing value, and one reading
    # from three days ago that must not be drawn.
    stamps = list(range(now - 47 * 3600, now, 900))
    Reading.objects.bulk_create(
        [
            Reading(sensor=sensor, ts=ts, value=None if i == 10 else 1.0 + (i % 8) / 4)
            for i, ts in enumerate(stamps)
        ]
        + [Reading(sensor=sensor, ts=now - 72 * 3600, value=9.9)]
    )
    Alert.objects.create(
        sensor=sensor,
        ts=stamps[-1],
        value=3.9,
        score=0.97,
        reason="threshold_high",
        received_at=timezone.now(),
        raised_at=timezone.now(),
    )
    client = signed_in(operator)
    page = client.get("/staff/safety/sensors/riv-7/").content.decode()
    assert "Quay gauge" in page and "River Agency" in page
    assert "upper 3.5 m" in page and "lower 0.2 m" in page
    svg = page[page.index('<svg class="th-safety-chart"') : page.index("</svg>")]
    assert "upper threshold" in svg and "lower threshold" in svg
    readings_path = re.search(r'<path d="(M[^"]+)" fill="none" stroke="#1d70b8"', svg).group(1)
    # The missing value breaks the line into two pieces.
    assert readings_path.count("M") == 2
    assert readings_path.count("L") == len(stamps) - 3
    details = page[page.index('<details class="govuk-details">') :]
    assert f"The chart's {len(stamps)} readings as a table" in details
    assert "9.9" not in details
    assert "threshold_high" in page and "0.97" in page


def test_a_sensor_with_no_readings_says_so(operator, signed_in):
    _sensor()
    client = signed_in(operator)
    page = client.get("/staff/safety/sensors/riv-7/").content.decode()
    assert "No readings in the last 48 hours." in page
    assert client.get("/staff/safety/sensors/nope/").status_code == 404
    listing = client.get("/staff/safety/sensors/").content.decode()
    assert 'href="/staff/safety/sensors/riv-7/"' in listing


def test_a_river_gauge_with_days_of_history_shows_its_forecast(operator, signed_in):
    sensor = _sensor()
    now = int(timezone.now().timestamp())
    stamps = range(now - 6 * 24 * 3600, now, 1800)
    Reading.objects.bulk_create(
        [
            Reading(sensor=sensor, ts=ts, value=2.0 + math.sin(ts / 86_400 * 2 * math.pi) / 2)
            for ts in stamps
        ]
    )
    client = signed_in(operator)
    page = client.get("/staff/safety/sensors/riv-7/").content.decode()
    svg = page[page.index('<svg class="th-safety-chart"') : page.index("</svg>")]
    assert 'stroke-dasharray="6 4"' in svg  # the forecast's mean
    assert 'fill-opacity="0.25"' in svg  # its interval
    assert "The forecast as a table" in page
