"""A resident completes every service in Chromium, with JavaScript on and off:
start page, one page of questions at a time (files uploaded, household members
added), "Check your answers", the declaration, the confirmation with its
reference and the satisfaction survey. Each kind of page passes axe-core's
WCAG 2.2 A/AA rules: a question page, its error state, "Check your answers",
the declaration and the confirmation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import browser_db
from tests.e2e.visitor import sign_in
from townhall.cases.tests.helpers import PDF, PNG, answers_for, field_data, service
from townhall.catalog.definition import load_services

pytestmark = browser_db

SLUGS = sorted(load_services())
PAGE_URL = re.compile(r"/services/[a-z0-9-]+/apply/[A-Z]+-\d{4}-\d{6}/([a-z0-9_]+)/(\?.*)?$")


@pytest.fixture
def catalogue(transactional_db: Any) -> None:
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(params=["page", "page_no_js"], ids=["js", "no-js"])
def visitor(request: pytest.FixtureRequest, catalogue: None) -> Any:
    return request.getfixturevalue(request.param)


def javascript_on(page: Any) -> bool:
    return "js-enabled" in (page.locator("body").get_attribute("class") or "")


def check_axe(page: Any, where: str) -> None:
    """axe-core on the page as it is. It runs only where the page's own
    JavaScript runs: with JavaScript off its asynchronous run never finishes.
    The markup it checks is the same server-rendered HTML in both runs."""
    if javascript_on(page):
        assert_accessible(page, where)


def continue_(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()


def fill_page(page: Any, slug: str, page_id: str, answers: dict[str, Any]) -> None:
    """Answer one page as a resident would: typing, picking, uploading."""
    svc = service(slug)
    form_page = next(p for p in svc.pages if p.id == page_id)
    for question in form_page.questions:
        if question.id not in answers:
            continue
        if question.type == "file":
            accept = svc.document(str(question.document)).accept
            upload = (
                {"name": f"{question.id}.pdf", "mimeType": "application/pdf", "buffer": PDF}
                if "pdf" in accept
                else {"name": f"{question.id}.png", "mimeType": "image/png", "buffer": PNG}
            )
            page.set_input_files(f"input[name='{question.id}']", files=[upload])
            continue
        for name, value in field_data(question, question.id, answers[question.id]).items():
            fields = page.locator(f"[name='{name}']")
            if fields.count() == 0:
                continue
            kind = fields.first.get_attribute("type")  # None for a textarea
            if kind == "hidden":
                continue
            if kind in ("radio", "checkbox"):
                for picked in value if isinstance(value, list) else [value]:
                    page.locator(f"input[name='{name}'][value='{picked}']").check()
            else:
                fields.fill(value)


def answer_every_page(page: Any, slug: str, answers: dict[str, Any], *, with_axe: bool) -> None:
    """From the first question page to "Check your answers"."""
    for _ in range(len(service(slug).pages) + 1):
        match = PAGE_URL.search(page.url)
        if match is None or match[1] == "check":
            break
        expect(page.locator("h1")).to_be_visible()
        if with_axe:
            check_axe(page, f"{slug}: page {match[1]}")
        fill_page(page, slug, match[1], answers)
        continue_(page)
        summary = page.locator(".govuk-error-summary")
        assert summary.count() == 0, f"{slug}, {match[1]}: {summary.inner_text()}"
    expect(page).to_have_url(re.compile(r"/check/$"))


def start(page: Any, slug: str) -> None:
    page.goto(f"/services/{slug}/")
    page.get_by_role("button", name="Start now").click()
    expect(page).to_have_url(PAGE_URL)


def send(page: Any, slug: str, *, with_axe: bool) -> str:
    """From "Check your answers" to the confirmation; the reference."""
    expect(page.locator("h1")).to_have_text("Check your answers before sending your application")
    if with_axe:
        check_axe(page, f"{slug}: check your answers")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Declaration")
    if with_axe:
        check_axe(page, f"{slug}: declaration")
    page.get_by_role("button", name="Accept and send").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Application sent")
    if with_axe:
        check_axe(page, f"{slug}: confirmation")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"RIV-\d{4}-\d{6}", reference)
    return reference


@pytest.mark.parametrize("slug", SLUGS)
def test_a_resident_completes_every_service(visitor, resident, js_errors, slug):
    page = visitor
    sign_in(page, resident)
    start(page, slug)
    answer_every_page(page, slug, answers_for(slug), with_axe=True)
    reference = send(page, slug, with_axe=True)

    page.goto("/applications/")
    expect(page.locator("main")).to_contain_text(reference)
    assert js_errors == []


@pytest.mark.parametrize("slug", ["parking-permit", "health-coverage"])
def test_errors_are_summarised_and_the_answers_kept(visitor, resident, js_errors, slug):
    page = visitor
    sign_in(page, resident)
    start(page, slug)
    page.locator("input[name='full_name']").fill("Priya Shah")
    page.locator("input[name='email']").fill("priya at example")
    continue_(page)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter an email address in the correct format")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("input[name='full_name']")).to_have_value("Priya Shah")
    expect(page.locator("input[name='email']")).to_have_value("priya at example")
    check_axe(page, f"{slug}: a question page in its error state")

    summary.get_by_role("link", name=re.compile("Enter an email address")).click()
    if javascript_on(page):
        # GOV.UK Frontend moves the focus to the field itself.
        expect(page.locator("input[name='email']")).to_be_focused()
    else:
        expect(page).to_have_url(re.compile(r"#email$"))
    assert js_errors == []


def test_a_signed_out_resident_is_asked_to_sign_in_before_sending(page_no_js, catalogue, resident):
    page = page_no_js
    start(page, "parking-permit")
    answer_every_page(page, "parking-permit", answers_for("parking-permit"), with_axe=False)
    expect(page.locator("main")).to_contain_text("Sign in to send your application")
    expect(page.locator("details.govuk-details")).to_contain_text("Why this amount?")

    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next="))
    page.get_by_label("Email address").fill(resident.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/check/$"))
    reference = send(page, "parking-permit", with_axe=False)

    page.get_by_label("Very satisfied").check()
    page.get_by_label("How could we improve this service? (optional)").fill("Fast.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("h1")).to_have_text("Thank you for your feedback")
    page.goto("/applications/")
    expect(page.locator("main")).to_contain_text(reference)


def test_household_members_are_added_without_javascript(visitor, resident, js_errors):
    page = visitor
    sign_in(page, resident)
    start(page, "health-coverage")
    answers = answers_for("health-coverage")
    fill_page(page, "health-coverage", "about_you", answers)
    continue_(page)

    page.locator("input[name='lives_with_others'][value='yes']").check()
    page.locator("input[name='members-0-member_name']").fill("Luis Santos")
    with page.expect_navigation():
        page.get_by_role("button", name="Add another person").click()
    expect(page.locator("input[name='members-0-member_name']")).to_have_value("Luis Santos")
    second = page.locator("input[name='members-1-member_name']")
    expect(second).to_be_visible()
    second.fill("Ana Santos")
    for index, (day, month, year) in enumerate([("14", "2", "2016"), ("2", "3", "1987")]):
        page.locator(f"input[name='members-{index}-member_date_of_birth-day']").fill(day)
        page.locator(f"input[name='members-{index}-member_date_of_birth-month']").fill(month)
        page.locator(f"input[name='members-{index}-member_date_of_birth-year']").fill(year)
    page.locator("input[name='members-0-member_relationship'][value='child']").check()
    page.locator("input[name='members-1-member_relationship'][value='partner']").check()
    check_axe(page, "a repeat group with two people")
    continue_(page)

    answer_every_page(page, "health-coverage", answers, with_axe=False)
    expect(page.locator("main")).to_contain_text("Person 2")
    expect(page.locator("main")).to_contain_text("Ana Santos")
    assert js_errors == []
