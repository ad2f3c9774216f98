"""The page-by-page journey through a service's form, over stored answers.

Pure Python, no Django: which pages are shown given the answers so far, which
page comes next, and answers as JSON. Stored answers are JSON values as the
API takes them (dates "1990-07-04", money "1250.50", booleans, lists, objects),
so that checking them again gives the same typed values.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from townhall.catalog.definition import (
    CheckedAnswers,
    Message,
    Page,
    Question,
    Service,
    check_answers,
    clean_answer,
    gettext_noop,
)


def to_json(value: Any) -> Any:
    """A typed answer (from check_answers) as a JSON value that checks back the same."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def page_by_id(service: Service, page_id: str) -> Page | None:
    return next((page for page in service.pages if page.id == page_id), None)


def shown_pages(checked: CheckedAnswers, service: Service) -> list[Page]:
    return [page for page in service.pages if page.id in checked.pages]


def page_after(service: Service, checked: CheckedAnswers, page_id: str) -> Page | None:
    """The next page shown after `page_id`, or None when the form is finished."""
    ids = [page.id for page in service.pages]
    later = ids[ids.index(page_id) + 1 :] if page_id in ids else ids
    return next((page_by_id(service, i) for i in later if i in checked.pages), None)


def page_before(service: Service, checked: CheckedAnswers, page_id: str) -> Page | None:
    ids = [page.id for page in service.pages]
    earlier = ids[: ids.index(page_id)] if page_id in ids else []
    return next((page_by_id(service, i) for i in reversed(earlier) if i in checked.pages), None)


def first_incomplete_page(service: Service, checked: CheckedAnswers) -> Page | None:
    """The first shown page with an error (a missing answer included), or None."""
    for page in shown_pages(checked, service):
        if checked.errors_on(page):
            return page
    return None


def check_stored(service: Service, answers: Mapping[str, Any], *, today: date) -> CheckedAnswers:
    return check_answers(service, answers, today=today)


def check_given(
    service: Service,
    given: Mapping[str, Any],
    stored: Mapping[str, Any],
    *,
    today: date,
) -> tuple[dict[str, Any], list[str], dict[str, Message | str]]:
    """Check some answers on their own, as the API's create and update do.

    Returns the answers to store (as JSON), the ids whose answers to remove
    (given as null), and errors by field. Each given answer must be a valid
    answer to a question of the service; whether it is required, and whether
    its question is shown, is only decided when the application is submitted.
    """
    top = {question.id: question for question in service.questions()}
    values: dict[str, Any] = {}
    removed: list[str] = []
    errors: dict[str, Message | str] = {}
    context = dict(check_answers(service, {**stored, **given}, today=today).values)
    for key, raw in given.items():
        question = top.get(key)
        if question is None:
            errors[key] = UNKNOWN_QUESTION
            continue
        if question.type == "file":
            errors[key] = FILES_ON_THE_WEBSITE
            continue
        if raw is None:
            removed.append(key)
            continue
        value, problems = clean_answer(question, raw, service=service, today=today, context=context)
        if problems:
            errors.update(problems)
        elif value is None:
            removed.append(key)
        else:
            values[key] = to_json(value)
    return values, removed, errors


# Translated where they are shown (gettext_noop only marks them for makemessages).
UNKNOWN_QUESTION = gettext_noop("This is not a question of this service")
FILES_ON_THE_WEBSITE = gettext_noop(
    "Upload this document as a file (POST /api/v1/applications/<reference>/documents/"
    "<question id>), not as an answer"
)


def file_questions(service: Service) -> list[Question]:
    return [question for question in service.questions() if question.type == "file"]
