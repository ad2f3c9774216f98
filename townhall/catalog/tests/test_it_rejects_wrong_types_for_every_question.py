"""For every question of every service, an answer of the wrong type is an error
for that question, and no junk at all makes the check raise."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.catalog.definition import (
    Question,
    Service,
    check_answers,
    example_answers,
    load_services,
    validate_answers,
)
from townhall.catalog.tests.helpers import TODAY

SERVICES = load_services()
WRONG: dict[str, object] = {
    "text": 12345,
    "textarea": ["not", "text"],
    "number": "twelve",
    "money": "a lot",
    "date": "31/12/2020",
    "yes_no": "maybe",
    "choice": "not-an-option",
    "choices": ["not-an-option"],
    "email": "no-at-sign",
    "phone": "call me",
    "postcode": "!!!",
    "national_id": "12",
    "address": "1 River Street",
    "file": "plan.pdf",
    "repeat": "three people",
}
ASKED = [
    pytest.param(service, question, id=f"{slug}:{question.id}")
    for slug, service in sorted(SERVICES.items())
    for question in service.questions()
    if question.id in example_answers(service, today=TODAY)
]


@pytest.mark.parametrize(("service", "question"), ASKED)
def test_a_wrong_type_is_an_error_for_that_question(service: Service, question: Question) -> None:
    answers = example_answers(service, today=TODAY) | {question.id: WRONG[question.type]}

    errors = validate_answers(service, answers, today=TODAY)

    assert question.id in errors
    assert errors[question.id].strip()


json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(SERVICES)), st.data())
def test_junk_answers_never_make_the_check_raise(slug: str, data: Any) -> None:
    service = SERVICES[slug]
    answers = example_answers(service, today=TODAY)
    for question_id in data.draw(st.lists(st.sampled_from(sorted(answers)), max_size=4)):
        answers[question_id] = data.draw(json)

    checked = check_answers(service, answers, today=TODAY)

    assert set(checked.values) <= set(answers)
    assert all(isinstance(message, str) and message for message in checked.errors.values())
