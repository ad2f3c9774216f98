"""Participatory budgeting in Chromium, with JavaScript on and off: a resident
proposes an idea, another supports it, staff review it, the resident votes on
the knapsack ballot (its running total kept by the page's script, or by
"Update total" without it), keeps the receipt, checks the ballot is counted,
and reads the results. Each kind of page passes axe-core's WCAG 2.2 A/AA
rules."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import make_user
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db
from tests.e2e.visitor import sign_in

pytestmark = browser_db


@pytest.fixture(params=["page", "page_no_js"], ids=["js", "no-js"])
def visitor(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def javascript_on(page: Any) -> bool:
    return "js-enabled" in (page.locator("body").get_attribute("class") or "")


def check_axe(page: Any, where: str) -> None:
    # axe runs in the page's own JavaScript: with it off there is nothing to
    # run it in, and the markup it would check is the same server-rendered HTML.
    if javascript_on(page):
        assert_accessible(page, where)


def click(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_the_budgeting_lifecycle(
    visitor: Any, new_context: Any, resident: Any, manager: Any
) -> None:
    from townhall.engagement.models import Phase, Project, Result
    from townhall.engagement.services import process_phase_set
    from townhall.engagement.services_proposals import project_review
    from townhall.engagement.services_results import results_compute
    from townhall.engagement.tests.helpers import district, make_process, verify

    page = visitor
    process = make_process(phase=Phase.PROPOSALS, slug="riverside-2026")
    north = district(process, "north")
    verify(resident, north)

    # 1. A resident proposes an idea.
    sign_in(page, resident)
    page.goto("/participate/")
    check_axe(page, "list of processes")
    page.get_by_role("link", name="People's Budget").click()
    check_axe(page, "process page")
    page.get_by_role("link", name="Propose an idea").click()
    click(page, "Publish your idea")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title for your idea")
    check_axe(page, "proposal form with errors")
    page.get_by_label("Title").fill("Benches along the towpath")
    page.get_by_label("Describe your idea").fill("Ten benches between the lock and the bridge.")
    page.get_by_label("Category").select_option("parks")
    page.get_by_label("Estimated cost").fill("15000")
    page.get_by_label("Latitude (optional)").fill("51.51")
    page.get_by_label("Longitude (optional)").fill("-0.09")
    click(page, "Publish your idea")
    expect(page.get_by_role("heading", level=1)).to_have_text("Benches along the towpath")
    check_axe(page, "project page")
    project_url = page.url

    # 2. Another resident supports it.
    other = make_user("other.pb@example.org")
    other_page = new_context(java_script_enabled=javascript_on(page)).new_page()
    sign_in(other_page, other)
    other_page.goto(project_url)
    click(other_page, "Support this idea")
    expect(other_page.locator("#support-count")).to_have_text("1")

    # 3. Staff find it eligible; voting opens.
    idea = Project.objects.get(title="Benches along the towpath")
    project_review(project=idea, staff=manager, eligible=True, reason="Can be done.")
    process_phase_set(process=process, phase=Phase.VOTING, actor=manager)

    # 4. The resident votes on the knapsack ballot (budget 60,000).
    page.goto("/participate/riverside-2026/")
    page.get_by_role("link", name="Vote in North").click()
    check_axe(page, "ballot")
    page.get_by_label("Benches along the towpath").check()
    page.get_by_label("North project 2").check()  # 30,000
    if javascript_on(page):
        expect(page.get_by_role("button", name="Update total")).to_have_count(0)
    else:
        click(page, "Update total")
    expect(page.locator("#pb-total-amount")).to_have_text("45,000 USD")
    page.get_by_label("North project 3").check()  # 20,000: now over the budget
    if not javascript_on(page):
        click(page, "Update total")
    expect(page.locator("#pb-total-left")).to_contain_text("Over the budget by 5,000 USD")
    click(page, "Cast my vote")
    expect(page.locator(".govuk-error-summary")).to_contain_text("more than the budget")
    check_axe(page, "ballot with an error")
    page.get_by_label("North project 3").uncheck()
    click(page, "Cast my vote")
    expect(page.get_by_role("heading", name="Your vote was recorded")).to_be_visible()
    check_axe(page, "receipt")
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)

    # 5. Anyone with the code can check the ballot is counted.
    page.get_by_role("link", name="check that your ballot is counted").click()
    page.get_by_label("Receipt code").fill(code)
    click(page, "Check")
    expect(page.locator(".govuk-panel")).to_contain_text("Your ballot is counted")
    check_axe(page, "check your ballot")

    # 6. The votes are counted; the results page explains the outcome.
    process_phase_set(process=process, phase=Phase.RESULTS, actor=manager)
    results_compute(district=north, actor=manager)
    assert Result.objects.get(district=north).ballot_count == 1
    page.goto("/participate/riverside-2026/")
    page.get_by_role("link", name="Results for North").click()
    row = page.locator("#pb-results tr", has_text="Benches along the towpath")
    expect(row).to_contain_text("Funded")
    check_axe(page, "results")


def test_the_staff_pages_pass_axe(page: Any, manager: Any) -> None:
    from townhall.engagement.models import Phase
    from townhall.engagement.tests.helpers import make_process

    process = make_process(phase=Phase.VOTING, slug="riverside-2026")
    project = process.districts.get(slug="north").projects.first()
    sign_in(page, manager)
    page.goto("/staff/participate/")
    assert_accessible(page, "staff list of processes")
    page.get_by_role("link", name="People's Budget").click()
    assert_accessible(page, "staff process page")
    page.goto(f"/staff/participate/riverside-2026/projects/{project.pk}/")
    click(page, "Hide the project")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reason for hiding")
    assert_accessible(page, "staff project page with an error")
    page.goto("/staff/participate/riverside-2026/districts/north/paper/")
    assert_accessible(page, "paper ballot entry")
