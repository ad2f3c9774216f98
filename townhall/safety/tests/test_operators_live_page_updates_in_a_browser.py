"""The live incident page in a real Chromium: with JavaScript on, an incident
opened on the server appears without a reload and is announced through the
polite live region; with JavaScript off, the Refresh link shows it. No axe
violation either way."""

from __future__ import annotations

from tests.e2e.axe import axe_violations, describe_violations
from tests.e2e.browser import browser_db

# The browser tests' own fixtures, taken by name as test arguments, which ruff
# reads as redefinitions.
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
from townhall.safety.services_incidents import incident_open

pytestmark = browser_db
# The page polls every 5 seconds; give the condition two rounds and a margin.
WAIT_MS = 15_000


def test_a_new_incident_appears_without_reload(page, operator, js_errors):
    incident_open(kind="flood", area="old-town", summary="First", actor=operator)
    sign_in(page, operator, next_path="/staff/safety/")
    page.goto("/staff/safety/")
    assert page.locator("#safety-live-status").is_visible()
    violations = axe_violations(page)
    assert violations == [], describe_violations("/staff/safety/", violations)
    page.evaluate("window.__same_document = true")

    incident = incident_open(kind="fire", area="eastfield", summary="Smoke", actor=operator)
    row = page.locator(f'tr[data-reference="{incident.reference}"]')
    row.wait_for(state="visible", timeout=WAIT_MS)
    assert page.evaluate("window.__same_document") is True  # no reload happened
    assert "Fire" in row.inner_text() and "Eastfield" in row.inner_text()
    announcer = page.locator("#safety-live-announcer")
    assert announcer.get_attribute("aria-live") == "polite"
    page.wait_for_function(
        "reference => document.getElementById('safety-live-announcer')"
        ".textContent.includes(reference)",
        arg=incident.reference,
        timeout=WAIT_MS,
    )
    assert "Fire" in announcer.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe_violations("/staff/safety/ after an update", violations)
    assert js_errors == []


def test_the_refresh_link_shows_new_incidents_without_javascript(page_no_js, operator):
    page = page_no_js
    sign_in(page, operator, next_path="/staff/safety/")
    page.goto("/staff/safety/")
    assert "No incidents are open." in page.locator("main").inner_text()
    assert not page.locator("#safety-live-status").is_visible()
    incident = incident_open(kind="heat", area="meadows", summary="Hot", actor=operator)
    page.get_by_role("link", name="Refresh").click()
    page.wait_for_load_state()
    assert page.locator(f'tr[data-reference="{incident.reference}"]').is_visible()
