"""The performance pages and the managers' dashboard pass axe-core's WCAG 2.2 A/AA
rules and work without JavaScript (the period switch is a plain GET form, the
charts are SVG drawn on the server, the CSV a plain link).

axe never finishes in a page with JavaScript off, so the no-JavaScript page's
HTML is checked in a second page at the same address with the site's scripts
blocked (as tests/e2e/test_catalog_pages_pass_axe.py does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db
from tests.e2e.visitor import sign_in

pytestmark = browser_db


@pytest.fixture
def journeys(transactional_db: Any) -> str:
    from townhall.cases.services import journey_event_record, satisfaction_record
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    for _ in range(12):
        journey_event_record(service_slug="tax-return", kind="started")
    for _ in range(10):
        journey_event_record(service_slug="tax-return", kind="submitted")
    for score in (5, 4, 3):
        satisfaction_record(service_slug="tax-return", score=score, context="confirmation")
    return "tax-return"


@pytest.fixture
def axe_without_js(new_context: Callable[..., Any]) -> Callable[[Any, str], None]:
    def check(page: Any, where: str) -> None:
        context = new_context()
        context.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
        copy = context.new_page()
        html, address = page.content(), page.url
        copy.route(
            lambda url: url == address,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        copy.goto(address)
        assert_accessible(copy, f"{where}, without JavaScript")

    return check


def test_the_public_pages_pass_axe_and_work_without_javascript(
    page, page_no_js, axe_without_js, js_errors, journeys
):
    page.goto("/performance/")
    expect(page.locator("h1")).to_have_text("Service performance")
    assert_accessible(page, "the performance index")
    page.locator(f"a[href='/performance/{journeys}/']").click()
    expect(page.locator("svg[role=img]")).to_have_count(8)
    expect(page.locator("main")).not_to_contain_text("67%")  # 3 answers: withheld
    assert_accessible(page, "a service's performance")
    assert js_errors == []

    page_no_js.goto(f"/performance/{journeys}/")
    page_no_js.get_by_label("Week").check()
    page_no_js.get_by_role("button", name="Show").click()
    expect(page_no_js).to_have_url(re.compile(r"\?by=week$"))
    expect(page_no_js.locator("svg[role=img]")).to_have_count(6)  # no monthly-only figures
    expect(page_no_js.locator("main")).to_contain_text("83%")  # 10 of 12 completed
    axe_without_js(page_no_js, "a service's weekly performance")
    with page_no_js.expect_download() as download:
        page_no_js.get_by_role("link", name="Download these figures (CSV)").click()
    assert download.value.suggested_filename == f"{journeys}-week.csv"


def test_the_managers_dashboard_passes_axe(page, js_errors, journeys, manager):
    sign_in(page, manager, next_path="/staff/analytics/")
    page.goto("/staff/analytics/")
    expect(page.locator("h1")).to_have_text("Performance dashboard")
    assert_accessible(page, "the dashboard")
    page.locator(f"a[href='/staff/analytics/{journeys}/']").click()
    expect(page.locator("main")).to_contain_text("67%")  # 2 of 3 satisfied: shown to staff
    assert_accessible(page, "a service on the dashboard")

    page.get_by_role("link", name="Enter a month's paper and phone transactions").click()
    page.get_by_label("Month", exact=True).fill("March")
    page.get_by_role("button", name="Save figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("like 2026-03")
    assert_accessible(page, "the monthly figures form with an error")
    page.get_by_label("Month", exact=True).fill("2026-03")
    page.get_by_label("Paper and phone transactions").fill("40")
    page.get_by_role("button", name="Save figures").click()
    expect(page).to_have_url(re.compile(f"/staff/analytics/{journeys}/$"))
    assert js_errors == []


def test_the_hotspot_page_passes_axe_with_its_map(page, js_errors, manager, tmp_path):
    from townhall.analytics.tests.sids import sids_geojson

    areas = sids_geojson(tmp_path / "sids.geojson")
    sign_in(page, manager, next_path="/staff/analytics/")
    page.goto("/staff/analytics/")
    page.get_by_role("link", name="Find where cases concentrate").click()
    page.get_by_role("button", name="Find clusters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the GeoJSON file")
    assert_accessible(page, "the hotspot form with an error")
    page.get_by_label("Area boundaries (GeoJSON)").set_input_files(str(areas))
    page.get_by_label("Column naming each area").fill("NAME")
    page.get_by_label("Column of cases").fill("SID79")
    page.get_by_label("Column of population").fill("BIR79")
    page.get_by_label("Random seed (optional)").fill("12345")
    page.get_by_role("button", name="Find clusters").click()
    expect(page.locator("svg[role=img] path")).to_have_count(100)
    significant = page.get_by_role("table", name="Areas in a significant cluster")
    expect(significant).to_contain_text("Robeson")
    page.get_by_text("Every area's figures").click()
    expect(page.get_by_role("table", name="Every area")).to_contain_text("Alamance")
    assert_accessible(page, "the hotspot results")
    assert js_errors == []
