"""Demo sensors for Riverside: twenty sensors on two networks, three days of
history, a few past incidents with their response times, and a replay that
keeps sending readings while the demo runs (`townhall safety replay`, started
by `townhall demo`).

The readings are a recording made by a fixed generator: each sensor's value at
a given second is always the same (daily and weekly rhythm, noise seeded by
the sensor and the time, and recurring events: a river flood pulse every
three days, an air-pollution episode every two days, a traffic jam every
day), so the history, the replay and the tests all see one consistent series.
Everything goes through `sensor_readings_ingest`, exactly as real readings.
"""

from __future__ import annotations

import math
import random
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from townhall.safety.batch import RawReading
from townhall.safety.kinds import KINDS
from townhall.safety.models import Incident, Sensor, SensorNetwork
from townhall.safety.services import network_create, sensor_readings_ingest

HISTORY_DAYS = 3


@dataclass(frozen=True)
class DemoSensor:
    code: str
    name: str
    kind: str
    latitude: float
    longitude: float
    network: str
    interval_s: int
    low: float | None = None
    high: float | None = None


NETWORKS = {
    "riverside-city": ("Riverside city sensors", "Riverside Council, Highways and Environment"),
    "wend-river-agency": ("River Wend gauges", "Wend River Agency"),
}

SENSORS = (
    DemoSensor(
        "trf-station-n",
        "Station Road north",
        "traffic_speed",
        51.5230,
        -0.0887,
        "riverside-city",
        300,
        low=8,
    ),
    DemoSensor(
        "trf-station-s",
        "Station Road south",
        "traffic_speed",
        51.5010,
        -0.0887,
        "riverside-city",
        300,
        low=8,
    ),
    DemoSensor(
        "trf-high-w",
        "High Street west",
        "traffic_speed",
        51.5141,
        -0.1120,
        "riverside-city",
        300,
        low=8,
    ),
    DemoSensor(
        "trf-high-e",
        "High Street east",
        "traffic_speed",
        51.5149,
        -0.0680,
        "riverside-city",
        300,
        low=8,
    ),
    DemoSensor(
        "trf-ring-s",
        "Ring Road south",
        "traffic_speed",
        51.4990,
        -0.0950,
        "riverside-city",
        300,
        low=10,
    ),
    DemoSensor(
        "trf-ring-n",
        "Ring Road north",
        "traffic_speed",
        51.5270,
        -0.0800,
        "riverside-city",
        300,
        low=10,
    ),
    DemoSensor(
        "occ-bridge",
        "Bridge Street occupancy",
        "traffic_occupancy",
        51.5100,
        -0.0970,
        "riverside-city",
        300,
        high=85,
    ),
    DemoSensor(
        "occ-quay",
        "Quay Street occupancy",
        "traffic_occupancy",
        51.5120,
        -0.0740,
        "riverside-city",
        300,
        high=85,
    ),
    DemoSensor(
        "tt-ring", "Ring Road travel time", "travel_time", 51.5130, -0.1150, "riverside-city", 600
    ),
    DemoSensor(
        "riv-mill",
        "River Wend at Mill Lane",
        "river_level",
        51.5077,
        -0.1090,
        "wend-river-agency",
        900,
        high=3.2,
    ),
    DemoSensor(
        "riv-bridge",
        "River Wend at Bridge Street",
        "river_level",
        51.5072,
        -0.0970,
        "wend-river-agency",
        900,
        high=3.0,
    ),
    DemoSensor(
        "riv-quay",
        "River Wend at the quay",
        "river_level",
        51.5084,
        -0.0740,
        "wend-river-agency",
        900,
        high=2.9,
    ),
    DemoSensor(
        "rain-north",
        "Rain gauge, Hillside",
        "rainfall",
        51.5250,
        -0.1000,
        "wend-river-agency",
        900,
        high=25,
    ),
    DemoSensor(
        "rain-south",
        "Rain gauge, Docklands",
        "rainfall",
        51.5000,
        -0.0800,
        "wend-river-agency",
        900,
        high=25,
    ),
    DemoSensor(
        "aq-station",
        "Air quality, Station Road",
        "pm25",
        51.5160,
        -0.0890,
        "riverside-city",
        600,
        high=50,
    ),
    DemoSensor(
        "aq-oldtown",
        "Air quality, Old Town",
        "pm25",
        51.5040,
        -0.0990,
        "riverside-city",
        600,
        high=50,
    ),
    DemoSensor(
        "aq-docks",
        "Air quality, Docklands",
        "pm25",
        51.5020,
        -0.0780,
        "riverside-city",
        600,
        high=50,
    ),
    DemoSensor(
        "no2-high", "NO₂, High Street", "no2", 51.5145, -0.0950, "riverside-city", 600, high=200
    ),
    DemoSensor(
        "noise-quay",
        "Noise, Quay Street",
        "noise",
        51.5150,
        -0.0745,
        "riverside-city",
        600,
        high=85,
    ),
    DemoSensor(
        "temp-park",
        "Temperature, Parkview",
        "temperature",
        51.5250,
        -0.0820,
        "riverside-city",
        900,
        high=35,
    ),
)


def _noise(code: str, ts: int, scale: float) -> float:
    return random.Random(f"{code}:{ts}").gauss(0.0, scale)


def _pulse(ts: int, every_s: int, offset_s: int, rise_s: int, fall_s: int) -> float:
    """0 outside an event, rising linearly to 1 then falling back (a recurring event)."""
    phase = (ts - offset_s) % every_s
    if phase < rise_s:
        return phase / rise_s
    if phase < rise_s + fall_s:
        return 1 - (phase - rise_s) / fall_s
    return 0.0


def recorded_value(sensor: DemoSensor, ts: int) -> float:
    hour = (ts % 86_400) / 3600
    day = math.sin(2 * math.pi * (hour - 9) / 24)
    rush = math.exp(-(((hour - 8.5) / 1.2) ** 2)) + math.exp(-(((hour - 17.5) / 1.5) ** 2))
    weekend = (ts // 86_400 + 4) % 7 >= 5
    jam = _pulse(ts, 86_400, 13 * 3600 + hash_offset(sensor.code), 900, 2700)
    value: float
    if sensor.kind == "traffic_speed":
        value = 48 - (0 if weekend else 18) * rush - 35 * jam + _noise(sensor.code, ts, 2.5)
    elif sensor.kind == "traffic_occupancy":
        value = 12 + (6 if weekend else 45) * rush + 40 * jam + _noise(sensor.code, ts, 3)
    elif sensor.kind == "travel_time":
        value = 420 + (0 if weekend else 260) * rush + 600 * jam + _noise(sensor.code, ts, 20)
    elif sensor.kind == "river_level":
        flood = _pulse(ts, 3 * 86_400, 2 * 86_400, 10 * 3600, 20 * 3600)
        value = 1.6 + 0.08 * day + 1.9 * flood + _noise(sensor.code, ts, 0.02)
    elif sensor.kind == "rainfall":
        storm = _pulse(ts, 3 * 86_400, 2 * 86_400 - 4 * 3600, 3 * 3600, 4 * 3600)
        value = 30 * storm + abs(_noise(sensor.code, ts, 0.3))
    elif sensor.kind in ("pm25", "no2"):
        episode = _pulse(ts, 2 * 86_400, 86_400 + 7 * 3600, 3 * 3600, 5 * 3600)
        base = 14 if sensor.kind == "pm25" else 38
        value = base * (1 + 0.6 * rush + 3.2 * episode) + _noise(sensor.code, ts, base * 0.08)
    elif sensor.kind == "noise":
        value = 58 + 8 * day + 6 * rush + _noise(sensor.code, ts, 1.5)
    else:
        value = 12 + 6 * day + _noise(sensor.code, ts, 0.4)
    spec = KINDS[sensor.kind]
    return round(min(max(value, spec.minimum), spec.maximum), 3)


def hash_offset(code: str) -> int:
    """A fixed offset of up to six hours per sensor, so jams do not all coincide."""
    return random.Random(code).randrange(0, 6 * 3600, 300)


def _networks() -> dict[str, SensorNetwork]:
    networks = {}
    for slug, (name, owner) in NETWORKS.items():
        network = SensorNetwork.objects.filter(slug=slug).first()
        if network is None:
            # The demo never shows these keys; `townhall safety network rotate` makes one.
            network, _key = network_create(slug=slug, name=name, owner_agency=owner)
        networks[slug] = network
    return networks


def _sensors(networks: dict[str, SensorNetwork]) -> None:
    from townhall.core.geography import area_at

    for demo in SENSORS:
        if Sensor.objects.filter(code=demo.code).exists():
            continue
        network = networks[demo.network]
        Sensor.objects.create(
            code=demo.code,
            network=network,
            name=demo.name,
            kind=demo.kind,
            unit=KINDS[demo.kind].unit,
            latitude=demo.latitude,
            longitude=demo.longitude,
            area=area_at(demo.latitude, demo.longitude),
            owner_agency=network.owner_agency,
            expected_interval_s=demo.interval_s,
            threshold_low=demo.low,
            threshold_high=demo.high,
        )


def readings_catch_up(*, until: int | None = None) -> int:
    """Send every reading due since each sensor's last one (at most HISTORY_DAYS back)."""
    until = until or int(time.time())
    by_code = {
        s.code: s
        for s in Sensor.objects.select_related("network").filter(code__in=[d.code for d in SENSORS])
    }
    sent = 0
    for demo in SENSORS:
        sensor = by_code.get(demo.code)
        if sensor is None:
            continue
        start = max(sensor.last_ts or 0, until - HISTORY_DAYS * 86_400)
        first = start - start % demo.interval_s + demo.interval_s
        stamps = range(first, until + 1, demo.interval_s)
        readings = [
            RawReading(i, demo.code, ts, recorded_value(demo, ts)) for i, ts in enumerate(stamps)
        ]
        for chunk in range(0, len(readings), 2000):
            result = sensor_readings_ingest(
                network=sensor.network, readings=readings[chunk : chunk + 2000]
            )
            sent += result.stored
    return sent


def _past_incidents() -> None:
    """Six resolved incidents from the last days, so response times have figures."""
    from townhall.safety.services_incidents import incident_open, incident_transition

    if Incident.objects.filter(source="phone").exists():
        return
    now = timezone.now()
    past = (
        ("traffic", "north-bank", "Lorry shed its load on Station Road", 70, (4, 9, 21, 55)),
        ("flood", "old-town", "Water over the towpath by Mill Lane", 54, (6, 14, 33, 180)),
        ("fire", "docklands", "Bin fire behind the ferry terminal", 40, (2, 5, 12, 40)),
        ("traffic", "meadows", "Traffic lights out at High Street junction", 30, (5, 12, 26, 95)),
        (
            "air_quality",
            "old-town",
            "Smoke from a bonfire reported by residents",
            20,
            (9, 25, 48, 120),
        ),
        ("other", "hillside", "Fallen tree blocking the pavement", 8, (3, 10, 30, 75)),
    )
    units = (
        "Highways crew 2",
        "Flood team A",
        "Fire engine RV1",
        "Signals engineer",
        "Environmental health",
        "Parks crew 1",
    )
    for (kind, area, summary, hours_ago, steps), unit in zip(past, units, strict=True):
        opened = now - timedelta(hours=hours_ago)
        incident = incident_open(kind=kind, area=area, summary=summary, actor=None, at=opened)
        ack, dispatch, scene, resolved = (opened + timedelta(minutes=m) for m in steps)
        incident_transition(incident=incident, to_status="acknowledged", actor=None, at=ack)
        incident_transition(
            incident=incident,
            to_status="dispatched",
            actor=None,
            unit=unit,
            at=dispatch,
            eta=scene,
        )
        incident_transition(incident=incident, to_status="on_scene", actor=None, at=scene)
        incident_transition(
            incident=incident,
            to_status="resolved",
            actor=None,
            at=resolved,
            note="Cleared.",
        )


def load() -> None:
    with transaction.atomic():
        _sensors(_networks())
    readings_catch_up()
    with transaction.atomic():
        _past_incidents()


def demo_replay(*, stop: threading.Event, hours: float = 0) -> int:
    """Keep the demo's sensors reporting, each on its own interval, until
    `stop` is set (or for `hours`)."""
    sent = 0
    end = time.time() + hours * 3600 if hours else None
    while not stop.is_set() and (end is None or time.time() < end):
        sent += readings_catch_up()
        # The shortest interval is five minutes; looking every ten seconds is plenty.
        stop.wait(10)
    return sent
