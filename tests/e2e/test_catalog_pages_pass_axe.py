"""The catalogue, a search, start pages and "check before you start" (its form,
its errors and its outcome) pass axe-core's WCAG 2.2 A/AA rules, with
JavaScript on and off, and work the same either way.

axe itself is JavaScript, and in a page with JavaScript off its run never
finishes. So the page a visitor without JavaScript sees is checked in a
second page that shows the same HTML at the same address with the site's
scripts blocked: what axe checks there is what that visitor got, before any
script could change it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db

pytestmark = browser_db

START_PAGES = ("building-permit", "health-coverage", "report-a-problem")


@pytest.fixture
def catalogue(transactional_db: Any) -> None:
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()


@pytest.fixture(params=["page", "page_no_js"], ids=["js", "no-js"])
def visitor(request: pytest.FixtureRequest, catalogue: None) -> Any:
    return request.getfixturevalue(request.param)


def javascript_on(page: Any) -> bool:
    return "js-enabled" in (page.locator("body").get_attribute("class") or "")


@pytest.fixture
def check_axe(new_context: Callable[..., Any]) -> Callable[[Any, str], None]:
    """Run axe on a page as its visitor sees it, with or without JavaScript."""
    scripts_blocked: list[Any] = []

    def check(page: Any, where: str) -> None:
        if javascript_on(page):
            assert_accessible(page, where)
            return
        if not scripts_blocked:
            context = new_context()
            context.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
            scripts_blocked.append(context.new_page())
        copy = scripts_blocked[0]
        html = page.content()
        address = urlunsplit(urlsplit(page.url)._replace(fragment=""))
        copy.route(
            lambda url: url == address,
            lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html
            ),
        )
        copy.goto(address)
        copy.unroute_all()
        assert not javascript_on(copy)
        assert_accessible(copy, f"{where}, without JavaScript")

    return check


def test_the_catalogue_and_a_search_pass_axe(visitor, check_axe, js_errors):
    visitor.goto("/services/")
    expect(visitor.locator("h1")).to_have_text("Services")
    check_axe(visitor, "the catalogue")

    visitor.get_by_label("Search for a service").fill("parking permit")
    visitor.get_by_role("button", name="Search").click()
    expect(visitor).to_have_url(re.compile(r"/services/\?q=parking\+permit$"))
    expect(visitor.locator("#search-count")).to_contain_text("found for ‘parking permit’")
    check_axe(visitor, "search results")

    visitor.get_by_label("Search for a service").fill("xylophone")
    visitor.get_by_role("button", name="Search").click()
    expect(visitor.locator("main")).to_contain_text("There are no services that match")
    check_axe(visitor, "no search results")

    visitor.goto("/services/topics/health/")
    check_axe(visitor, "a topic")
    assert js_errors == []


@pytest.mark.parametrize("slug", START_PAGES)
def test_start_pages_pass_axe(visitor, check_axe, js_errors, slug):
    visitor.goto("/services/")
    visitor.locator(f"main a[href='/services/{slug}/']").first.click()
    expect(visitor).to_have_url(re.compile(f"/services/{slug}/$"))
    start = visitor.get_by_role("button", name="Start now")
    expect(start).to_have_attribute("href", f"/services/{slug}/apply/")
    check_axe(visitor, f"start page of {slug}")
    assert js_errors == []


def test_the_eligibility_check_passes_axe(visitor, check_axe, js_errors):
    visitor.goto("/services/health-coverage/")
    visitor.get_by_role("link", name="Check if you’re eligible").click()
    expect(visitor.locator("h1")).to_have_text("Check before you start")
    check_axe(visitor, "the check form")

    visitor.get_by_role("button", name="Check", exact=True).click()
    summary = visitor.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(visitor).to_have_title(re.compile(r"^Error:"))
    check_axe(visitor, "the check form with errors")

    # The summary's links lead to the answers to fix (GOV.UK Frontend's script
    # moves the focus there itself; without it the browser follows the link).
    summary.get_by_role("link", name="Select yes if anyone lives with you").click()
    if javascript_on(visitor):
        expect(visitor.locator("#id_lives_with_others_0")).to_be_focused()
    else:
        expect(visitor).to_have_url(re.compile(r"#id_lives_with_others_0$"))

    visitor.get_by_label("Yes").check()
    visitor.get_by_label("Number of people who live with you").fill("2")
    visitor.get_by_label("Total monthly income of your household, before tax").fill("1,900")
    visitor.get_by_role("button", name="Check", exact=True).click()
    expect(visitor.locator("#outcome")).to_have_text("You’re eligible")
    expect(visitor.locator("#reason")).to_contain_text("within the limit of 2,470.00 for 3 people")
    check_axe(visitor, "the check's outcome, eligible")

    visitor.get_by_role("link", name="Check again with different answers").click()
    visitor.get_by_label("No").check()
    visitor.get_by_label("Total monthly income of your household, before tax").fill("5000")
    visitor.get_by_role("button", name="Check", exact=True).click()
    expect(visitor.locator("#outcome")).to_have_text("You’re not eligible")
    check_axe(visitor, "the check's outcome, not eligible")
    assert js_errors == []
