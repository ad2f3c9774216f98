"""A question worded unlike the guidance, but clearly about one or two council
services, gets a clarifying answer with those services, not "I cannot help";
a question with no such focus is still out of scope."""

from __future__ import annotations

import pytest

from townhall.assistant.answers import answer

pytestmark = pytest.mark.django_db


def test_a_specific_question_in_other_words_gets_a_choice(catalogue):
    result = answer("someone dumped an old mattress on the pavement")
    assert result["intent"] == "service"
    assert result.get("clarify")
    slugs = [source["slug"] for source in result["sources"][:2]]
    assert {"bulky-waste", "report-a-problem"} & set(slugs)


@pytest.mark.parametrize(
    "question", ["book a train ticket to the coast", "what time is it in tokyo", "tell me a joke"]
)
def test_an_unfocused_question_stays_out_of_scope(catalogue, question):
    assert answer(question)["intent"] == "out-of-scope"
