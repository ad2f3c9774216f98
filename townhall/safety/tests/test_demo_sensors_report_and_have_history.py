"""The demo: twenty sensors with recent history, past incidents with response
times, and loading again adds nothing but the readings due since."""

from __future__ import annotations

import pytest

from townhall.safety import demo
from townhall.safety.models import Incident, Reading, Sensor

pytestmark = pytest.mark.django_db


def test_the_demo_has_twenty_live_sensors_and_past_incidents():
    demo.load()
    assert Sensor.objects.count() == 20
    assert len({s.kind for s in Sensor.objects.all()}) >= 8
    assert all(s.area for s in Sensor.objects.all())
    assert all(s.last_ts for s in Sensor.objects.all())
    readings = Reading.objects.count()
    assert readings > 20 * 24 * 4
    resolved = Incident.objects.filter(status="resolved", source="phone")
    assert resolved.count() == 6
    assert all(i.on_scene_at > i.dispatched_at > i.acknowledged_at for i in resolved)
    demo.load()
    assert Sensor.objects.count() == 20
    assert Incident.objects.filter(source="phone").count() == 6
    assert Reading.objects.count() - readings <= 20


def test_the_recording_is_the_same_every_time():
    sensor = demo.SENSORS[0]
    assert demo.recorded_value(sensor, 1_800_000_000) == demo.recorded_value(sensor, 1_800_000_000)
    river = next(s for s in demo.SENSORS if s.kind == "river_level")
    levels = [demo.recorded_value(river, 1_800_000_000 + h * 3600) for h in range(72)]
    assert max(levels) > river.high > min(levels)
