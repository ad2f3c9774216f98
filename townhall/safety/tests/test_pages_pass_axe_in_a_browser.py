"""Every safety page in a real Chromium with axe-core: no WCAG 2.2 A/AA
violation on the operators' pages (forms with their errors included), the
public warnings pages and a resident's choice of areas."""

from __future__ import annotations

import math

from django.utils import timezone

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import browser_db

# ruff: noqa: F811
from tests.e2e.conftest import browser, js_errors, new_context, page, staff_roles  # noqa: F401
from tests.e2e.visitor import sign_in
from townhall.safety.models import Incident, Reading, SensorNetwork
from townhall.safety.services_incidents import (
    incident_open,
    incident_transition,
    warning_publish,
)
from townhall.safety.tests.conftest import sensor_make

pytestmark = browser_db


def _check(page, path, problems):
    page.goto(path)
    assert page.locator("h1").count() == 1, path
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(path, violations))


def _data(operator):
    network = SensorNetwork.objects.create(
        slug="city", name="City", owner_agency="Council", key_prefix="x1", key_hash="0" * 64
    )
    sensor = sensor_make(network, "riv-1", name="Quay gauge", threshold_high=3.0)
    now = int(timezone.now().timestamp())
    Reading.objects.bulk_create(
        Reading(sensor=sensor, ts=ts, value=2 + math.sin(ts / 7200))
        for ts in range(now - 40 * 3600, now, 600)
    )
    done = incident_open(kind="traffic", area="hillside", summary="Crash", actor=operator)
    for step in ("acknowledged", "dispatched", "on_scene"):
        incident_transition(incident=done, to_status=step, actor=operator, unit="Unit 4")
    fresh = incident_open(kind="flood", area="old-town", summary="Water", actor=operator)
    warning = warning_publish(
        area="old-town",
        severity="warning",
        title="Flooding by the quay",
        advice="Keep away from the river.",
        hours=4,
        actor=operator,
        incident=fresh,
    )
    return fresh, warning


def test_the_operators_pages(page, operator, js_errors):
    fresh, warning = _data(operator)
    sign_in(page, operator)
    problems: list[str] = []
    for path in (
        "/staff/safety/",
        f"/staff/safety/incidents/{fresh.reference}/",
        "/staff/safety/incidents/new",
        "/staff/safety/sensors/",
        "/staff/safety/sensors/riv-1/",
        "/staff/safety/sensors/import",
        "/staff/safety/response-times/",
        "/staff/safety/warnings/",
        f"/staff/safety/warnings/new?incident={fresh.reference}",
        f"/staff/safety/warnings/{warning.reference}/",
    ):
        _check(page, path, problems)

    # Forms with their errors shown.
    page.goto("/staff/safety/incidents/new")
    page.get_by_role("button", name="Open the incident").click()
    assert page.locator(".govuk-error-summary").is_visible()
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations("incident form with errors", violations))
    page.goto(f"/staff/safety/incidents/{fresh.reference}/")
    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_role("button", name="Dispatch a unit").click()
    assert "Say which unit is sent" in page.locator(".govuk-error-summary").inner_text()
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations("dispatch form with errors", violations))
    assert Incident.objects.get(pk=fresh.pk).status == "acknowledged"
    page.goto("/staff/safety/sensors/import")
    page.get_by_role("button", name="Import").click()
    assert "Choose a CSV or GeoJSON file" in page.locator(".govuk-error-summary").inner_text()
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations("sensor import with errors", violations))
    assert problems == [], "\n".join(problems)
    assert js_errors == []


def test_the_public_and_resident_pages(page, operator, resident, js_errors):
    _fresh, warning = _data(operator)
    problems: list[str] = []
    for path in ("/safety/", f"/safety/warnings/{warning.reference}/"):
        _check(page, path, problems)
    assert "Flooding by the quay" in page.locator("main").inner_text()
    sign_in(page, resident)
    _check(page, "/account/warnings/", problems)
    page.get_by_label("Old Town").check()
    page.get_by_role("button", name="Save").click()
    assert "You will get warnings for: Old Town" in page.locator("main").inner_text()
    assert problems == [], "\n".join(problems)
    assert js_errors == []
