"""Bad input on a page re-shows the page with an error summary linked to each
field, keeps what the resident typed, and saves nothing."""

from __future__ import annotations

import re

import pytest

from townhall.cases.models import Application
from townhall.cases.tests.helpers import (
    answers_for,
    page_data,
    reference_of,
    service,
    walk_to_check,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_you(client, catalogue, resident, signed_in):
    signed_in(resident)
    reference = reference_of(walk_to_check(client, "health-coverage"))
    return reference, f"/services/health-coverage/apply/{reference}/about_you/"


def summary_links(html: str) -> dict[str, str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert summary, "no error summary"
    return dict(re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary[1]))


def test_bad_answers_are_kept_and_linked_from_the_summary(client, about_you):
    reference, url = about_you
    before = Application.objects.get(reference=reference).all_answers()
    data = page_data(service("health-coverage"), "about_you", answers_for("health-coverage"))
    data.update(
        {
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "1990",
            "national_id": "12 34",
            "email": "not an email",
            "home_address-line_1": "",
        }
    )

    response = client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: About you" in html
    links = summary_links(html)
    assert links["date_of_birth-day"] == "Your date of birth must be a real date"
    assert links["national_id"].startswith("Enter a national ID number in the correct format")
    assert links["email"].startswith("Enter an email address in the correct format")
    assert links["home_address-line_1"].startswith("Enter address line 1")
    for field_id in links:
        assert f'id="{field_id}"' in html  # every link leads to a field
    # What was typed is still there.
    assert 'name="date_of_birth-day" type="text" inputmode="numeric" value="31"' in html
    assert 'value="12 34"' in html and 'value="not an email"' in html
    assert 'value="Maria Santos"' in html
    assert Application.objects.get(reference=reference).all_answers() == before


def test_a_missing_date_part_is_named_and_linked(client, about_you):
    _reference, url = about_you
    data = page_data(service("health-coverage"), "about_you", answers_for("health-coverage"))
    data["date_of_birth-month"] = ""
    links = summary_links(client.post(url, data).content.decode())
    assert links["date_of_birth-month"] == "Your date of birth must include a month"


def test_a_repeat_items_error_is_linked_to_its_field(client, about_you):
    reference, _url = about_you
    url = f"/services/health-coverage/apply/{reference}/household/"
    data = page_data(service("health-coverage"), "household", answers_for("health-coverage"))
    data["members-0-member_date_of_birth-year"] = "2999"
    links = summary_links(client.post(url, data).content.decode())
    assert links["members-0-member_date_of_birth-day"] == "Their date of birth must be in the past"


def test_yes_without_anyone_added_asks_for_a_person(client, about_you):
    reference, _url = about_you
    url = f"/services/health-coverage/apply/{reference}/household/"
    response = client.post(
        url, {"lives_with_others": "yes", "members-count": "1", "members-0-member_name": ""}
    )
    links = summary_links(response.content.decode())
    assert "Add at least one person who lives with you" in links.values()


def test_a_missing_choice_says_select(client, about_you):
    reference, _url = about_you
    url = f"/services/health-coverage/apply/{reference}/health/"
    links = summary_links(client.post(url, {}).content.decode())
    assert links["has_coverage"] == "Select yes if you have health cover now"


def test_nothing_on_the_page_after_an_error_is_saved(client, about_you):
    reference, url = about_you
    before = Application.objects.get(reference=reference).all_answers()
    data = page_data(service("health-coverage"), "about_you", answers_for("health-coverage"))
    data.update({"full_name": "Someone Else", "email": "bad"})
    client.post(url, data)
    assert Application.objects.get(reference=reference).all_answers() == before
