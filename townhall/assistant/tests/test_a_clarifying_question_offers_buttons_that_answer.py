"""When the assistant is unsure, it offers the likeliest pages as GOV.UK
secondary buttons in a plain form (no JavaScript needed); choosing one answers
from that page, and only a page it offered can be chosen."""

from __future__ import annotations

import re

import pytest

from townhall.assistant.models import Message

pytestmark = pytest.mark.django_db

UNSURE = "someone dumped an old mattress on the pavement"


def _buttons(page: str) -> list[str]:
    return re.findall(
        r'<button type="submit" name="choice" value="([a-z-]+)" '
        r'class="govuk-button govuk-button--secondary"',
        page,
    )


def test_the_choices_are_buttons_and_choosing_one_answers_from_it(catalogue, client):
    page = client.post("/assistant/", {"question": UNSURE}, follow=True).content.decode()
    offered = _buttons(page)
    assert 2 <= len(offered) <= 3
    assert 'action="/assistant/choose/"' in page
    assert "talk to a person" in page

    chosen = offered[1]
    response = client.post("/assistant/choose/", {"choice": chosen}, follow=True)
    assert response.status_code == 200
    answer = Message.objects.filter(role=Message.Role.ASSISTANT).last()
    assert not answer.clarify
    assert [source["slug"] for source in answer.sources] == [chosen]
    assert f'href="/services/{chosen}/"' in response.content.decode()
    # The answered choice is no longer offered.
    assert _buttons(response.content.decode()) == []


def test_a_page_that_was_not_offered_cannot_be_chosen(catalogue, client):
    page = client.post("/assistant/", {"question": UNSURE}, follow=True).content.decode()
    not_offered = next(
        slug for slug in ("tax-return", "birth-certificate") if slug not in _buttons(page)
    )
    response = client.post("/assistant/choose/", {"choice": not_offered})
    assert response.status_code == 400
    assert "Choose one of the options" in response.content.decode()
    assert Message.objects.count() == 2


def test_choosing_without_a_question_asks_for_one(catalogue, client):
    response = client.post("/assistant/choose/", {"choice": "bulky-waste"})
    assert response.status_code == 400
    assert "Ask your question again" in response.content.decode()
