"""One question after sending ("How satisfied were you with this service?",
five levels, an optional comment) and on leaving when not eligible; the answer
is linked to no one, and bad input gets a clear message and stores nothing."""

from __future__ import annotations

import pytest

from townhall.cases.models import SatisfactionResponse
from townhall.cases.tests.helpers import answers_for, reference_of, submit, walk_to_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmation(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "parking-permit")
    return submit(client, check_url)["Location"]


def test_the_confirmation_asks_and_thanks(client, confirmation):
    page = client.get(confirmation).content.decode()
    assert "How satisfied were you with this service?" in page
    for level in (
        "Very satisfied",
        "Satisfied",
        "Neither satisfied nor dissatisfied",
        "Dissatisfied",
        "Very dissatisfied",
    ):
        assert f">{level}</label>" in page
    feedback = confirmation.replace("/confirmation/", "/feedback/")

    response = client.post(feedback, {"score": "5", "comment": "Quick and clear."})

    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    answer = SatisfactionResponse.objects.get()
    assert (answer.service_slug, answer.score, answer.context) == (
        "parking-permit",
        5,
        "confirmation",
    )
    assert answer.comment == "Quick and clear."
    # Sent twice (a refresh): counted once, and the form is not asked again.
    client.post(feedback, {"score": "5"})
    assert SatisfactionResponse.objects.count() == 1
    assert "Thank you for your feedback." in client.get(confirmation).content.decode()


def test_bad_survey_answers_get_a_message_and_store_nothing(client, confirmation):
    feedback = confirmation.replace("/confirmation/", "/feedback/")
    for data, message in (
        ({}, "Select how satisfied you were with this service"),
        ({"score": "9"}, "Select how satisfied you were with this service"),
        ({"score": "3", "comment": "x" * 1201}, "Your comments must be 1200 characters or less"),
    ):
        response = client.post(feedback, data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in html and message in html
    assert not SatisfactionResponse.objects.exists()


def test_leaving_when_not_eligible_asks_too(client, catalogue, resident, signed_in):
    signed_in(resident)
    answers = answers_for("health-coverage", monthly_income="9000.00")
    check_url = walk_to_check(client, "health-coverage", answers)
    reference = reference_of(check_url)
    exit_url = f"/services/health-coverage/apply/{reference}/not-eligible/"
    assert exit_url in client.get(check_url).content.decode()

    page = client.get(exit_url).content.decode()
    assert "You have not sent your application" in page
    assert "How satisfied were you with this service?" in page
    client.post(f"/services/health-coverage/apply/{reference}/feedback/", {"score": "2"})
    answer = SatisfactionResponse.objects.get()
    assert (answer.score, answer.context) == (2, "exit")


def test_the_exit_page_is_only_for_a_not_eligible_outcome(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "health-coverage")
    exit_url = check_url.replace("/check/", "/not-eligible/")
    response = client.get(exit_url)
    assert response.status_code == 302 and response["Location"] == check_url
