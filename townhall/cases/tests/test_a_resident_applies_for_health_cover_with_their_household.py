"""Health cover: household members are added and removed with buttons that
work without JavaScript, the eligibility outcome is shown with its reason
before sending, and the household's sensitive answers are sealed at rest."""

from __future__ import annotations

import re

import pytest

from townhall.cases.models import Application
from townhall.cases.tests.helpers import (
    answers_for,
    page_data,
    reference_of,
    service,
    submit,
    walk_to_check,
)

pytestmark = pytest.mark.django_db


def test_members_are_added_and_removed_without_javascript(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    reference = reference_of(check_url)
    url = f"/services/health-coverage/apply/{reference}/household/"
    answers = answers_for("health-coverage")
    data = page_data(service("health-coverage"), "household", answers)

    added = client.post(url, {**data, "action": "add:members"})
    assert added.status_code == 200
    html = added.content.decode()
    assert 'name="members-count" value="2"' in html
    assert 'id="members-1-member_name"' in html
    assert "Remove person 2" in html
    # The first person's answers are still there; nothing was saved yet.
    assert 'value="Luis Santos"' in html
    assert len(Application.objects.get(reference=reference).all_answers()["members"]) == 1

    # The new, empty person is ignored on Continue; a second one is saved.
    data = {
        **data,
        "members-count": "2",
        "members-1-member_name": "Ana Santos",
        "members-1-member_date_of_birth-day": "2",
        "members-1-member_date_of_birth-month": "3",
        "members-1-member_date_of_birth-year": "1987",
        "members-1-member_relationship": "partner",
    }
    response = client.post(f"{url}?return=check", data)
    assert response.status_code == 302
    members = Application.objects.get(reference=reference).all_answers()["members"]
    assert [m["member_name"] for m in members] == ["Luis Santos", "Ana Santos"]
    assert members[1]["member_date_of_birth"] == "1987-03-02"

    removed = client.post(url, {**data, "action": "remove:members:0"})
    assert removed.status_code == 200
    html = removed.content.decode()
    assert 'name="members-count" value="1"' in html
    assert 'value="Ana Santos"' in html and 'value="Luis Santos"' not in html


def test_no_one_else_at_home_drops_the_members(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    reference = reference_of(check_url)
    url = f"/services/health-coverage/apply/{reference}/household/"
    data = page_data(service("health-coverage"), "household", answers_for("health-coverage"))

    response = client.post(url, {**data, "lives_with_others": "no"})
    assert response.status_code == 302
    assert "members" not in Application.objects.get(reference=reference).all_answers()


def test_the_outcome_is_shown_with_its_reason_before_sending(
    client, catalogue, resident, signed_in
):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    html = client.get(check_url).content.decode()
    assert "From your answers, you are eligible." in html
    assert "is within the limit of 1,960.00 for 2 people" in html

    answers = answers_for("health-coverage", monthly_income="9000.00")
    reference = reference_of(check_url)
    url = f"/services/health-coverage/apply/{reference}/income/"
    client.post(url, page_data(service("health-coverage"), "income", answers))
    html = client.get(check_url).content.decode()
    assert "From your answers, you are not eligible." in html
    assert "is over the limit" in html
    exit_url = f"/services/health-coverage/apply/{reference}/not-eligible/"
    assert exit_url in html
    # Not eligible, but the definition still lets them send it.
    assert f"/services/health-coverage/apply/{reference}/declaration/" in html

    exit_page = client.get(exit_url).content.decode()
    assert "How satisfied were you with this service?" in exit_page

    response = submit(client, check_url)
    assert response["Location"].endswith("/confirmation/")


def test_the_declaration_page_names_no_answer(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    page = client.get(check_url.replace("/check/", "/declaration/")).content.decode()
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', page)
    assert "Maria Santos" not in page
