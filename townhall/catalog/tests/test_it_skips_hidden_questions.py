"""A skipped page or question is never required, and answers to it are dropped."""

from __future__ import annotations

from townhall.catalog.definition import Service, check_answers
from townhall.catalog.tests.helpers import TODAY, answers_for


def test_a_hidden_page_is_not_required(permit: Service) -> None:
    answers = answers_for(permit, project_type="extension")
    answers.pop("demolition_method", None)
    answers.pop("asbestos_survey", None)

    checked = check_answers(permit, answers, today=TODAY)

    assert checked.errors == {}
    assert "demolition" not in checked.pages


def test_a_shown_page_is_required(permit: Service) -> None:
    checked = check_answers(permit, answers_for(permit, project_type="demolition"), today=TODAY)

    assert "demolition" in checked.pages
    assert checked.errors == {
        "demolition_method": "Select how the building will be knocked down",
        "asbestos_survey": "Upload the asbestos survey",
    }


def test_answers_to_hidden_questions_are_dropped(tax: Service) -> None:
    answers = answers_for(
        tax,
        has_dependants=False,
        dependants=[{"dependant_name": "Ghost"}],
        childcare_costs="9999",
        is_amendment=False,
        amends="not even a reference",
        unknown_question="ignored",
    )

    checked = check_answers(tax, answers, today=TODAY)

    assert checked.errors == {}
    for dropped in ("dependants", "childcare_costs", "amends", "unknown_question"):
        assert dropped not in checked.values


def test_a_question_shown_by_an_earlier_answer_is_required(tax: Service) -> None:
    answers = answers_for(tax, is_amendment=True)
    answers.pop("amends", None)

    errors = check_answers(tax, answers, today=TODAY).errors

    assert errors == {"amends": "Enter the reference of the return you are changing"}


def test_a_condition_on_a_wrong_answer_waits_for_it_to_be_fixed(tax: Service) -> None:
    answers = answers_for(tax, is_amendment="perhaps")
    answers.pop("amends", None)

    errors = check_answers(tax, answers, today=TODAY).errors

    assert set(errors) == {"is_amendment"}


def test_a_conditional_document_follows_its_condition(permit: Service) -> None:
    answers = answers_for(permit, in_heritage_area=False)

    checked = check_answers(permit, answers, today=TODAY)

    assert checked.errors == {}
    assert "heritage_statement" not in checked.values


def test_a_form_can_check_one_page_at_a_time(permit: Service) -> None:
    answers = {"applicant_name": "Jordan Lee", "applicant_email": "jordan@example.org"}

    checked = check_answers(permit, answers, today=TODAY)

    about_you, project = permit.pages[0], permit.pages[1]
    assert checked.errors_on(about_you) == {"is_owner": "Select yes if you own the site"}
    assert set(checked.errors_on(project)) == {"project_type", "project_description"}
