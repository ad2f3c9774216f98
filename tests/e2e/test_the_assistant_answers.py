"""The assistant in Chromium, with JavaScript on and off: a question gets an
answer with its sources and a "Start now" link; a signed-out visitor asking
about their case is asked to sign in and told nothing; a person can be asked
for with consent. The chat page, its error state and the help pages pass axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db

pytestmark = browser_db


@pytest.fixture
def catalogue(transactional_db: Any) -> None:
    from townhall.assistant.knowledge import index_forget
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()
    # The index is built from this test's catalogue, not one from a test before.
    index_forget()


@pytest.fixture(params=["page", "page_no_js"], ids=["js", "no-js"])
def visitor(request: pytest.FixtureRequest, catalogue: None) -> Any:
    return request.getfixturevalue(request.param)


def javascript_on(page: Any) -> bool:
    return "js-enabled" in (page.locator("body").get_attribute("class") or "")


def ask(page: Any, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()


def test_a_question_gets_an_answer_with_its_sources(visitor: Any) -> None:
    page = visitor
    page.goto("/assistant/")
    ask(page, "")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a question")
    if javascript_on(page):
        assert_accessible(page, "the assistant with an error")

    ask(page, "I want to build an extension on my house, do I need permission?")
    latest = page.locator("#latest")
    expect(latest).to_contain_text("The assistant")
    expect(latest.get_by_role("link", name="Start now")).to_have_attribute(
        "href", re.compile(r"/services/building-permit/")
    )
    if javascript_on(page):
        assert_accessible(page, "the assistant with an answer")


def test_a_signed_out_visitor_is_asked_to_sign_in_for_case_status(visitor: Any) -> None:
    page = visitor
    page.goto("/assistant/")
    ask(page, "what is happening with my application?")
    latest = page.locator("#latest")
    expect(latest.get_by_role("link", name="Sign in")).to_be_visible()
    expect(latest).not_to_contain_text("RIV-")


def test_a_person_can_be_asked_for_with_consent(visitor: Any) -> None:
    page = visitor
    page.goto("/assistant/")
    ask(page, "my neighbour's dog barks all night")
    page.get_by_label("Your name").fill("Rosa Martínez")
    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_role("button", name="Ask for a person to contact me").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tick the box")
    page.get_by_label("Your name").fill("Rosa Martínez")
    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_label("I agree that council staff can read this conversation to help me").check()
    page.get_by_role("button", name="Ask for a person to contact me").click()
    expect(page.locator("h1")).to_be_visible()

    from townhall.assistant.models import ContactRequest

    request = ContactRequest.objects.get()
    assert request.email == "rosa@example.org"


@pytest.mark.parametrize(
    "slug", ["participatory-budgeting", "consultations", "privacy", "accessibility", "contact"]
)
def test_the_help_pages_pass_axe(page: Any, catalogue: None, slug: str) -> None:
    response = page.goto(f"/help/{slug}/")
    assert response is not None and response.status == 200
    assert_accessible(page, f"/help/{slug}/")
