"""The site works without JavaScript: a resident signs in and changes their
details, a caseworker signs in with a password and a code from their
authenticator, and a resident is kept out of the staff area. With JavaScript
on, the language chosen in the header follows the visitor from page to page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import PASSWORD, totp_now
from tests.e2e.browser import browser_db

pytestmark = browser_db


def submit(page) -> None:
    page.locator("main form button[type=submit]").click()


def test_it_signs_in_and_saves_changed_details_without_javascript(page_no_js, resident):
    page = page_no_js
    page.goto("/")
    # The page enhancement script would have marked <body>: it did not run.
    expect(page.locator("body")).not_to_have_class(re.compile(r"js-enabled"))

    page.get_by_role("link", name="Sign in", exact=True).first.click()
    page.get_by_label("Email address").fill(resident.email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/account/$"))

    page.get_by_role("link", name="Change your details").click()
    expect(page).to_have_url(re.compile(r"/account/edit/$"))
    page.get_by_label("Full name").fill("Rosa Ribeiro")
    page.get_by_label("Mobile phone number").fill("07700 900 982")
    page.locator("input[name=preferred_language][value=es]").check()
    page.get_by_label("Text message").check()
    submit(page)

    # Saved, and the account page now speaks the language just chosen.
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Rosa Ribeiro")
    expect(page.locator(".govuk-summary-list")).to_contain_text("07700 900 982")
    resident.refresh_from_db()
    assert resident.full_name == "Rosa Ribeiro"
    assert resident.phone == "07700 900 982"
    assert resident.preferred_language == "es"
    assert resident.contact_by_sms is True


def test_a_caseworker_signs_in_with_a_code_and_reaches_the_staff_area(page_no_js, caseworker):
    page = page_no_js
    page.goto("/staff/")
    # Anonymous visitors are sent to sign in, and come back where they started.
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next=/staff/$"))
    page.get_by_label("Email address").fill(caseworker.email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)

    expect(page).to_have_url(re.compile(r"/account/sign-in/code/$"))
    page.get_by_label("Code from your authenticator app").fill(totp_now(caseworker))
    submit(page)

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator("h1")).to_have_text("Staff area")
    expect(page.locator("main")).to_contain_text("Caseworker")


def test_a_caseworker_with_a_wrong_code_stays_out_of_the_staff_area(page_no_js, caseworker):
    page = page_no_js
    page.goto("/account/sign-in/?next=/staff/")
    page.get_by_label("Email address").fill(caseworker.email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/account/sign-in/code/$"))
    wrong = f"{(int(totp_now(caseworker)) + 500_000) % 1_000_000:06d}"
    page.get_by_label("Code from your authenticator app").fill(wrong)
    submit(page)

    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    response = page.goto("/staff/")
    assert response is not None
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next=/staff/$"))


def test_a_resident_is_refused_the_staff_area(page_no_js, resident):
    page = page_no_js
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(resident.email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.locator("a[href='/staff/']")).to_have_count(0)

    response = page.goto("/staff/")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("You cannot open this page")


def test_the_language_chosen_in_the_header_stays_on_every_page(page, js_errors):
    page.goto("/privacy/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bjs-enabled\b"))
    page.get_by_role("navigation", name="Choose a language").get_by_role(
        "link", name="Français"
    ).click()

    # Back on the same page, now in French, with French marked as current.
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    current = page.locator(".govuk-language-navigation [aria-current]")
    expect(current).to_have_text("Français")

    for footer_link in ("/accessibility/", "/contact/", "/"):
        page.locator(
            f"footer a[href='{footer_link}'], header a[href='{footer_link}']"
        ).first.click()
        expect(page).to_have_url(re.compile(re.escape(footer_link) + "$"))
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        expect(current).to_have_text("Français")

    page.locator(".govuk-language-navigation a[hreflang='en']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert not js_errors, "\n".join(js_errors)
