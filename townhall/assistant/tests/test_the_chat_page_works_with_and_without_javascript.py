"""The chat page in Chromium. With JavaScript the question, the answer and a
choice among the pages a clarifying question offers are sent without leaving
the page (a marker set on `window` survives), the answer is read out through
the live region, focus returns to the question box, an empty question shows
the error summary, and nothing breaks the site's Content Security Policy.
Without JavaScript the same steps work by plain form posts. axe finds no
WCAG 2.2 A/AA violation either way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
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

pytestmark = browser_db

UNSURE = "someone dumped an old mattress on the pavement"
MARKER = "window.assistantTestMarker"


@pytest.fixture
def live_catalogue(transactional_db: Any) -> None:
    from townhall.assistant.knowledge import index_current, index_forget
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    index_forget()
    # Built now from this test's catalogue, not during the first question.
    index_current()


def _ask(page: Any, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()


def _choices(page: Any) -> Any:
    return page.locator("#latest button[name=choice]")


def _assert_accessible_without_javascript(new_context: Any, page: Any, where: str) -> None:
    """axe on exactly what a browser without JavaScript shows.

    axe cannot run in a page with JavaScript off (it waits on timers that never
    fire there), so the page's HTML is drawn again in a page where only axe
    runs: every script the page itself asks for is refused.
    """
    context = new_context()
    context.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
    copy = context.new_page()
    copy.goto(page.url)
    copy.set_content(page.content())
    assert "js-enabled" not in (copy.locator("body").get_attribute("class") or "")
    assert_accessible(copy, where)
    context.close()


def test_with_javascript_it_answers_without_leaving_the_page(
    page: Any, live_catalogue: None, js_errors: list[str]
) -> None:
    page.goto("/assistant/")
    page.evaluate(f"{MARKER} = 'still here'")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    _ask(page, "")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a question")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#id_question-error")).to_contain_text("Enter a question")

    _ask(page, UNSURE)
    latest = page.locator("#latest")
    expect(latest).to_contain_text("Did you mean one of these?")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("[data-assistant-announcer]")).to_contain_text("Did you mean")
    expect(page.get_by_label("Your question")).to_be_focused()
    expect(page.get_by_label("Your question")).to_have_value("")
    expect(page.get_by_role("heading", name="Talk to a person")).to_be_visible()
    assert 2 <= _choices(page).count() <= 3
    expect(_choices(page).first).to_have_class(re.compile(r"govuk-button--secondary"))
    assert_accessible(page, "the assistant asking what you meant, with JavaScript")

    chosen = _choices(page).nth(1).get_attribute("value")
    _choices(page).nth(1).click()
    expect(latest.get_by_role("link", name="Start now")).to_have_attribute(
        "href", f"/services/{chosen}/"
    )
    expect(page.locator("button[name=choice]")).to_have_count(0)
    expect(page.locator("[data-assistant-messages] > li")).to_have_count(4)
    expect(page.get_by_label("Your question")).to_be_focused()

    assert page.evaluate(MARKER) == "still here"
    assert navigations == []
    assert page.url.endswith("/assistant/")
    # The empty question's reply is a 400 on purpose; anything else (a CSP
    # violation, an uncaught error, a failed request) is not.
    assert [e for e in js_errors if not e.endswith("fetch " + page.url + " -> 400")] == []
    assert_accessible(page, "the assistant with an answer, with JavaScript")

    # What the script added is what the server keeps: a reload shows the same.
    page.reload()
    expect(page.locator("[data-assistant-messages] > li")).to_have_count(4)


def test_without_javascript_the_same_steps_work_by_form_posts(
    page_no_js: Any, new_context: Any, live_catalogue: None
) -> None:
    page = page_no_js
    page.goto("/assistant/")
    expect(page.get_by_role("heading", name="Talk to a person")).to_be_hidden()
    _ask(page, "")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a question")
    _assert_accessible_without_javascript(new_context, page, "the assistant with an error")

    _ask(page, UNSURE)
    expect(page.locator("#latest")).to_contain_text("Did you mean one of these?")
    assert 2 <= _choices(page).count() <= 3
    _assert_accessible_without_javascript(new_context, page, "the assistant asking what you meant")

    chosen = _choices(page).first.get_attribute("value")
    _choices(page).first.click()
    expect(page.locator("#latest").get_by_role("link", name="Start now")).to_have_attribute(
        "href", f"/services/{chosen}/"
    )
    expect(page.get_by_role("heading", name="Talk to a person")).to_be_visible()
    _assert_accessible_without_javascript(new_context, page, "the assistant with an answer")
