"""Every page a visitor can reach by links, in every language, passes axe-core's
WCAG 2.2 A/AA rules, names its language and has one main heading; so do the
signed-in pages and the forms in their error state, where accessibility
most often breaks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, totp_now
from tests.e2e.axe import assert_accessible, axe_violations, describe_violations
from tests.e2e.browser import browser_db
from tests.e2e.visitor import KNOWN_PUBLIC_PAGES, LANGUAGES, crawl, sign_in

pytestmark = browser_db

# The skip link is on every page; the same English words under lang="es" would
# mean screen readers read English text with Spanish pronunciation (WCAG 3.1.1).
ENGLISH_SKIP_LINK = "Skip to main content"


def check_page(page: Any, path: str, language: str) -> list[str]:
    problems = []
    lang = page.locator("html").get_attribute("lang")
    if lang != language:
        problems.append(f"{path}: <html lang={lang!r}>, expected {language!r}")
    headings = page.locator("h1").all_text_contents()
    if len(headings) != 1:
        problems.append(f"{path}: {len(headings)} <h1> elements {headings}, expected one")
    if language != "en":
        skip_link = (page.locator("a.govuk-skip-link").text_content() or "").strip()
        if skip_link == ENGLISH_SKIP_LINK:
            problems.append(f"{path}: lang={language!r} but the page is in English")
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(path, violations))
    return problems


def switch_language(page: Any, language: str) -> None:
    """Choose the language with the link in the page header, as a visitor does."""
    page.goto("/")
    if language != "en":
        page.locator(f".govuk-language-navigation a[hreflang='{language}']").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_passes_axe(page, live_server, js_errors, language):
    switch_language(page, language)
    problems: list[str] = []
    visited = []
    for path in crawl(page, origin=live_server.url, start="/", within="/", problems=problems):
        visited.append(path)
        problems += check_page(page, path, language)

    missing = KNOWN_PUBLIC_PAGES - set(visited)
    assert not missing, f"the crawl from / never reached {sorted(missing)}; it saw {visited}"
    problems += js_errors
    report = "\n\n".join(problems)
    assert not problems, f"{len(visited)} pages crawled in {language!r}:\n\n{report}"


def test_signed_in_account_pages_pass_axe(page, live_server, resident):
    sign_in(page, resident)
    problems: list[str] = []
    visited = []
    for path in crawl(
        page, origin=live_server.url, start="/account/", within="/account/", problems=problems
    ):
        visited.append(path)
        problems += check_page(page, path, "en")

    assert {"/account/", "/account/edit/"} <= set(visited), visited
    assert not problems, "\n\n".join(problems)


def test_the_staff_area_passes_axe(page, caseworker):
    sign_in(page, caseworker, next_path="/staff/")
    expect(page).to_have_url(re.compile(r"/staff/$"))
    assert_accessible(page)


def submit(page: Any) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def test_sign_in_with_errors_passes_axe(page):
    page.goto("/account/sign-in/")
    submit(page)
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert_accessible(page, "sign-in, submitted empty")

    page.fill("input[name=username]", "nobody@example.org")
    page.fill("input[name=password]", "not the password")
    submit(page)
    assert_accessible(page, "sign-in, wrong password")


def test_sign_up_with_errors_passes_axe(page):
    page.goto("/account/sign-up/")
    page.fill("input[name=email]", "not an email address")
    submit(page)
    assert_accessible(page, "sign-up, invalid")


def test_password_reset_with_errors_passes_axe(page):
    page.goto("/account/password/reset/")
    submit(page)
    assert_accessible(page, "password reset, submitted empty")


def test_profile_edit_with_errors_passes_axe(page, resident):
    sign_in(page, resident)
    page.goto("/account/edit/")
    page.fill("input[name=phone]", "")
    page.check("input[name=contact_by_sms]")
    submit(page)
    assert_accessible(page, "profile edit, text messages without a phone number")


def test_security_code_with_errors_passes_axe(page, caseworker):
    page.goto("/account/sign-in/")
    page.fill("input[name=username]", caseworker.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/account/sign-in/code/")
    assert_accessible(page, "security code")
    page.fill("input[name=code]", f"{(int(totp_now(caseworker)) + 500_000) % 1_000_000:06d}")
    submit(page)
    assert_accessible(page, "security code, wrong code")


def test_error_pages_pass_axe(page, resident):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert_accessible(page, "404 page")

    sign_in(page, resident)
    response = page.goto("/staff/")
    assert response.status == 403
    assert_accessible(page, "403 page")
