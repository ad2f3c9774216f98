"""The map in a real Chromium. With JavaScript, Leaflet draws the city's own
layers (no tile server: every request stays on this server), sensors and
incidents; without, the server's SVG map and the tables. No axe violation."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import browser_db

# ruff: noqa: F811
from tests.e2e.conftest import (  # noqa: F401
    browser,
    js_errors,
    new_context,
    page,
    page_no_js,
    staff_roles,
)
from tests.e2e.visitor import sign_in
from townhall.safety.models import Alert, SensorNetwork
from townhall.safety.services_incidents import incident_for_alert, incident_open
from townhall.safety.tests.conftest import sensor_make

pytestmark = browser_db


def _city(operator):
    network = SensorNetwork.objects.create(
        slug="city", name="City", owner_agency="Council", key_prefix="b1", key_hash="0" * 64
    )
    sensor_make(network, "air-1", kind="pm25", name="Mill Lane air", area="millbrook")
    wet = sensor_make(network, "riv-1", name="Quay gauge", threshold_high=3.0)
    now = timezone.now()
    with transaction.atomic():
        alert = Alert.objects.create(
            sensor=wet,
            ts=int(now.timestamp()),
            value=3.4,
            score=0.9,
            reason="threshold_high",
            received_at=now,
            raised_at=now,
        )
        alert.incident = incident_for_alert(alert=alert, sensor=wet)
        alert.save(update_fields=["incident"])
    incident_open(kind="fire", area="eastfield", summary="Smoke", actor=operator)


def test_leaflet_draws_the_city_layer_sensors_and_incidents(page, operator, js_errors, live_server):
    _city(operator)
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    sign_in(page, operator, next_path="/staff/safety/map/")
    page.goto("/staff/safety/map/")
    page.locator("#safety-map[data-ready='true']").wait_for(state="attached")
    leaflet = page.locator("#safety-leaflet.leaflet-container")
    assert leaflet.get_attribute("role") == "region" and leaflet.get_attribute("aria-label")
    assert leaflet.locator("path.th-city-district").count() == 12
    assert leaflet.locator("path.th-city-boundary").count() == 1
    assert leaflet.locator("path.th-city-river").count() == 1
    assert leaflet.locator("path.th-sensor-alerting").count() == 1
    assert leaflet.locator("path.th-sensor-normal").count() == 1
    assert leaflet.locator(".th-incident-icon[aria-label]").count() == 2
    assert not page.locator("svg.th-safety-svg").is_visible()
    assert page.locator("#map-sensors").is_visible()  # the tables stay
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
    violations = axe_violations(page)
    assert violations == [], describe_violations("/staff/safety/map/", violations)
    assert js_errors == []


def test_without_javascript_the_svg_map_and_tables(page_no_js, operator):
    _city(operator)
    page = page_no_js
    sign_in(page, operator, next_path="/staff/safety/map/")
    page.goto("/staff/safety/map/")
    svg = page.locator("svg.th-safety-svg")
    assert svg.is_visible()
    assert svg.get_attribute("role") == "img"
    assert page.locator(".leaflet-container").count() == 0
    sensors = page.locator("#map-sensors").inner_text()
    assert "Quay gauge" in sensors and "Alerting" in sensors
    assert page.locator("#map-incidents tbody tr").count() == 2
