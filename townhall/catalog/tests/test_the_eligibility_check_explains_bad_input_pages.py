"""Bad answers to "check before you start" show the form again with an error
summary linking to each wrong answer, in the GOV.UK pattern, and no outcome."""

from __future__ import annotations

import re

import pytest

from townhall.catalog.tests.catalogue import publish

CHECK = "/services/health-coverage/check/"


@pytest.fixture
def catalogue(db, services):
    publish(services)


def summary(html: str) -> list[tuple[str, str]]:
    assert '<div class="govuk-error-summary"' in html
    body = html[html.index("govuk-error-summary__list") :]
    body = body[: body.index("</ul>")]
    return re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', body)


def test_an_empty_form_asks_for_each_answer(client, catalogue):
    response = client.post(CHECK, {})

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    assert summary(html) == [
        ("id_lives_with_others_0", "Select yes if anyone lives with you"),
        ("id_monthly_income", "Enter your household&#x27;s monthly income"),
    ]
    assert 'id="outcome"' not in html
    assert 'id="id_lives_with_others_0"' in html


def test_wrong_answers_get_a_message_each(client, catalogue):
    response = client.post(
        CHECK, {"lives_with_others": "yes", "members": "two", "monthly_income": "lots"}
    )

    html = response.content.decode()
    assert summary(html) == [
        (
            "id_members",
            "Enter the number of people who live with you as a whole number, like 2",
        ),
        (
            "id_monthly_income",
            "Your household&#x27;s monthly income must be an amount of money, like 600 or 193.54",
        ),
    ]
    # The answers are shown again to be corrected.
    assert 'value="lots"' in html
    assert 'value="yes" checked' in html


def test_the_definitions_own_limits_apply(client, catalogue):
    html = client.post(
        CHECK, {"lives_with_others": "yes", "members": "40", "monthly_income": "-5"}
    ).content.decode()

    assert summary(html) == [
        ("id_members", "You can add up to 12 people"),
        ("id_monthly_income", "Your household&#x27;s monthly income must be 0.00 or more"),
    ]


def test_someone_living_with_you_must_be_counted(client, catalogue):
    html = client.post(
        CHECK, {"lives_with_others": "yes", "members": "", "monthly_income": "100"}
    ).content.decode()

    assert summary(html) == [("id_members", "Add at least one person who lives with you")]


def test_an_answer_that_is_not_an_option_is_refused(client, catalogue):
    html = client.post(
        CHECK, {"lives_with_others": "perhaps", "monthly_income": "100"}
    ).content.decode()

    [(target, message)] = summary(html)
    assert target == "id_lives_with_others_0"
    assert "Select a valid choice" in message
