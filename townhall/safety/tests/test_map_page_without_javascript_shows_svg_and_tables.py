"""The map page works without JavaScript: the server draws the city, its
sensors (coloured and shaped by state) and open incidents as SVG, with the
same sensors and incidents in tables; Leaflet's data comes from two JSON URLs
of this server."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from townhall.safety.models import Alert, SensorNetwork
from townhall.safety.services_incidents import incident_for_alert, incident_open
from townhall.safety.tests.conftest import sensor_make


def _setup(operator):
    network = SensorNetwork.objects.create(
        slug="city", name="City", owner_agency="Council", key_prefix="m1", key_hash="0" * 64
    )
    calm = sensor_make(network, "air-1", kind="pm25", name="Mill Lane air", area="millbrook")
    wet = sensor_make(network, "riv-1", name="Quay gauge", threshold_high=3.0)
    now = timezone.now()
    alert = Alert.objects.create(
        sensor=wet,
        ts=int(now.timestamp()),
        value=3.4,
        score=0.9,
        reason="threshold_high",
        received_at=now,
        raised_at=now,
    )
    with transaction.atomic():
        alert.incident = incident_for_alert(alert=alert, sensor=wet)
        alert.save(update_fields=["incident"])
    by_hand = incident_open(kind="fire", area="eastfield", summary="Smoke", actor=operator)
    return calm, wet, alert.incident, by_hand


def test_the_svg_map_and_its_tables(operator, signed_in):
    calm, wet, flood, fire = _setup(operator)
    client = signed_in(operator)
    page = client.get("/staff/safety/map/").content.decode()
    svg = page[page.index('<svg class="th-safety-svg"') : page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count('<circle r="8" fill="#d4351c"') == 1  # the alerting gauge
    assert svg.count('<circle r="5" fill="#00703c"') == 1  # the calm air sensor
    assert svg.count('<path d="M0 -9 L9 0 L0 9 L-9 0 Z"') == 2  # both incidents
    assert "Eastfield" in svg  # district labels
    incidents = page[page.index('id="map-incidents"') :]
    assert flood.reference in incidents and fire.reference in incidents
    sensors = page[page.index('id="map-sensors"') :]
    assert "Quay gauge" in sensors and "Alerting" in sensors and "Normal" in sensors


def test_the_json_the_leaflet_map_reads(operator, signed_in):
    calm, wet, flood, fire = _setup(operator)
    client = signed_in(operator)
    city = client.get("/staff/safety/map/city.geojson").json()
    layers = [feature["properties"]["layer"] for feature in city["features"]]
    assert layers.count("district") == 12 and "boundary" in layers and "river" in layers
    features = client.get("/staff/safety/map/features.json").json()
    states = {sensor["code"]: sensor["state"] for sensor in features["sensors"]}
    assert states == {"air-1": "normal", "riv-1": "alerting"}
    references = {incident["reference"] for incident in features["incidents"]}
    assert references == {flood.reference, fire.reference}
    # The hand-opened fire has no coordinates: it is drawn at its district's centre.
    fire_row = next(i for i in features["incidents"] if i["reference"] == fire.reference)
    assert 51.49 < fire_row["latitude"] < 51.54 and -0.13 < fire_row["longitude"] < -0.05
