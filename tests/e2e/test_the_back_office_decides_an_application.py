"""The whole loop in Chromium: a resident applies for housing help; a caseworker
takes the case and asks for more information; the resident answers from their
account; the caseworker approves; the service puts every decision under four
eyes, so the manager confirms it; the resident sees the decision, reads and
downloads the letter, and has the emails, caught by a real SMTP server.
The staff pages pass axe on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db
from tests.e2e.test_cases_journeys import answer_every_page, send, start
from tests.e2e.visitor import sign_in
from townhall.cases.tests.helpers import answers_for

# A real SMTP server on loopback, taken by name as a test argument.
from townhall.notify.tests.conftest import inbox  # noqa: F401

pytestmark = browser_db

SLUG = "housing-assistance"


@pytest.fixture
def teams(transactional_db: Any, caseworker: Any, manager: Any, settings: Any, tmp_path: Any):
    from townhall.cases import demo
    from townhall.catalog.services import service_definitions_load

    settings.MEDIA_ROOT = tmp_path / "media"
    service_definitions_load()
    demo.load()


def open_case(page: Any, reference: str) -> None:
    page.goto("/staff/cases/")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("h1")).to_have_text(reference)


def move(page: Any, label: str, reason: str = "") -> None:
    page.get_by_label(label, exact=True).check()
    if reason:
        page.get_by_label("Reason or request (the resident reads this)").fill(reason)
    page.get_by_role("button", name="Save", exact=True).click()


def test_an_application_goes_from_resident_to_decision_and_back(
    new_context,
    teams,
    resident,
    caseworker,
    manager,
    inbox,  # noqa: F811
    js_errors,
):
    resident_page = new_context().new_page()
    sign_in(resident_page, resident)
    start(resident_page, SLUG)
    answer_every_page(resident_page, SLUG, answers_for(SLUG), with_axe=False)
    reference = send(resident_page, SLUG, with_axe=False)

    staff = new_context().new_page()
    sign_in(staff, caseworker)
    staff.goto("/staff/cases/")
    assert_accessible(staff, "the case queue")
    open_case(staff, reference)
    assert_accessible(staff, "a case")
    staff.get_by_role("button", name="Handle this case").click()
    expect(staff.locator("#case-status")).to_have_text("In review")
    move(staff, "More information requested")
    expect(staff.locator(".govuk-error-summary")).to_contain_text("Enter a reason")
    assert_accessible(staff, "a case with an error")
    move(staff, "More information requested", "Please tell us your landlord's name.")
    expect(staff.locator("#case-status")).to_have_text("More information requested")

    resident_page.goto(f"/applications/{reference}/")
    expect(resident_page.locator("main")).to_contain_text("Please tell us your landlord's name.")
    resident_page.get_by_label("Your answer").fill("My landlord is Riverside Homes Ltd.")
    resident_page.get_by_role("button", name="Send your answer").click()
    expect(resident_page.locator("main")).to_contain_text("We have your answer")

    staff.reload()
    expect(staff.locator("#case-status")).to_have_text("In review")
    expect(staff.locator("#messages ~ .govuk-inset-text").first).to_contain_text(
        "Riverside Homes Ltd."
    )
    move(staff, "Approved")
    expect(staff.locator("main")).to_contain_text("waiting for a second member of staff")
    expect(staff.locator("#case-status")).to_have_text("In review")

    second = new_context().new_page()
    sign_in(second, manager)
    open_case(second, reference)
    second.get_by_role("button", name="Confirm the decision").click()
    expect(second.locator("#case-status")).to_have_text("Approved")

    resident_page.goto(f"/applications/{reference}/")
    expect(resident_page.locator("main")).to_contain_text("Decision: Approved")
    assert_accessible(resident_page, "an application with its decision")
    with resident_page.expect_download() as download:
        resident_page.get_by_role("link", name="Download the letter (PDF)").click()
    with open(download.value.path(), "rb") as letter:
        assert letter.read(5) == b"%PDF-"
    resident_page.get_by_role("link", name="Read the decision letter").click()
    expect(resident_page.locator("main")).to_contain_text(reference)

    subjects = [message["Subject"] for message in inbox.wait_for(3)]
    assert all(reference in subject for subject in subjects), subjects
    assert any(re.search("decided", subject, re.I) for subject in subjects), subjects
    assert js_errors == []
