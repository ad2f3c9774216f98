"""Where a service has eligibility rules, "check before you start" asks only
the questions those rules read, and shows the outcome with its reason and
next steps. Nothing is stored."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection

from townhall.catalog.forms import eligibility_check_for
from townhall.catalog.tests.catalogue import publish

CHECK = "/services/health-coverage/check/"


@pytest.fixture
def catalogue(db, services):
    publish(services)


def rows_in_database() -> int:
    tables = set(connection.introspection.table_names())
    return sum(
        model.objects.count() for model in apps.get_models() if model._meta.db_table in tables
    )


def field_names(html: str) -> list[str]:
    names = re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', html)
    return [name for name in dict.fromkeys(names) if name != "csrfmiddlewaretoken"]


def test_it_asks_only_what_the_rules_read(services):
    health = eligibility_check_for(services["health-coverage"])
    housing = eligibility_check_for(services["housing-assistance"])

    assert health is not None and housing is not None
    # Income limit by household size: who lives with you, and the income.
    assert [q.id for q in health.questions] == ["lives_with_others", "members", "monthly_income"]
    assert health.counted == {"members"}
    assert [q.id for q in housing.questions] == [
        "adults",
        "children",
        "housing_situation",
        "may_lose_home",
        "monthly_rent",
        "monthly_income",
        "savings",
    ]
    assert eligibility_check_for(services["parking-permit"]) is None


def test_the_start_page_links_to_the_check_only_where_there_are_rules(client, catalogue):
    assert f'href="{CHECK}"' in client.get("/services/health-coverage/").content.decode()
    parking = client.get("/services/parking-permit/").content.decode()
    assert "/check/" not in parking
    assert client.get("/services/parking-permit/check/").status_code == 404


def test_the_check_is_one_page_with_those_questions(client, catalogue):
    response = client.get(CHECK)

    assert response.status_code == 200
    assert field_names(response.content.decode()) == [
        "lives_with_others",
        "members",
        "monthly_income",
    ]


def test_a_household_within_the_limit_is_eligible(client, catalogue):
    before = rows_in_database()

    response = client.post(
        CHECK, {"lives_with_others": "yes", "members": "2", "monthly_income": "2,000"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-panel__title" id="outcome">You’re eligible</h1>' in html
    assert (
        "Your household&#x27;s income of 2,000.00 a month is within the limit of "
        "2,470.00 for 3 people."
    ) in html
    assert "we will send you\nyour Health Cover card" in html
    assert 'href="/services/health-coverage/apply/"' in html
    assert rows_in_database() == before
    assert "no-store" in response["Cache-Control"]


def test_a_household_a_little_over_the_limit_is_likely_eligible(client, catalogue):
    response = client.post(CHECK, {"lives_with_others": "no", "monthly_income": "1500"})

    html = response.content.decode()
    assert "You’re likely to be eligible" in html
    assert "is a little over the\nlimit" not in html  # reasons are one line of words
    assert "a little over the limit of 1,450.00 for 1 people" in html


def test_a_household_over_the_limit_is_not_eligible_with_the_reason(client, catalogue):
    response = client.post(
        CHECK, {"lives_with_others": "yes", "members": "1", "monthly_income": "9000"}
    )

    html = response.content.decode()
    assert '<h1 class="govuk-heading-l" id="outcome">You’re not eligible</h1>' in html
    assert (
        '<div class="govuk-inset-text" id="reason">Your household&#x27;s income of 9,000.00 '
        "a month is over the limit of 1,960.00 for 2 people.</div>"
    ) in html
    assert "You can still send your application." in html


def test_people_named_in_a_hidden_question_do_not_count(client, catalogue):
    # "No one lives with me" hides the number of people: it is ignored.
    response = client.post(
        CHECK, {"lives_with_others": "no", "members": "5", "monthly_income": "1400"}
    )

    assert "within the limit of 1,450.00 for 1 people" in response.content.decode()


def test_housing_assistance_puts_people_at_risk_first(client, catalogue):
    response = client.post(
        "/services/housing-assistance/check/",
        {
            "adults": "1",
            "children": "0",
            "housing_situation": "no_fixed_address",
            "may_lose_home": "yes",
            "monthly_income": "0",
            "savings": "0",
        },
    )

    html = response.content.decode()
    assert "You’re eligible" in html, html
    assert "We can help you straight away." in html
