"""Answers and results in words: the rows of "Check your answers" and of an
application's page, the amounts with their "Why this amount?" lines, and the
eligibility outcome."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from townhall.cases.i18n import money, tr
from townhall.catalog.definition import Assessment, CheckedAnswers, Question, Service
from townhall.catalog.markdown import markdown_html_uncached
from townhall.catalog.text import render


@dataclass
class Row:
    key: str
    lines: list[str]
    href: str = ""


@dataclass
class Section:
    title: str
    page_id: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class AmountView:
    label: str
    value: str
    hint: str
    lines: list[str]


@dataclass
class OutcomeView:
    outcome: str
    reason: str
    next_steps: SafeString


def long_date(value: date | None) -> str:
    return date_format(value, "j F Y") if value else ""


def answer_lines(service: Service, question: Question, value: Any) -> list[str]:
    """One typed answer (from check_answers) as lines of words."""
    kind = question.type
    if value is None or value == [] or value == "":
        return []
    if kind == "money":
        return [money(value, service.currency)]
    if kind == "number":
        unit = tr(question.unit) if question.unit else ""
        number = f"{value:,}" if isinstance(value, int | Decimal) else str(value)
        return [f"{number} {unit}".strip()]
    if kind == "date" and isinstance(value, date):
        return [long_date(value)]
    if kind == "yes_no":
        return [_("Yes") if value else _("No")]
    if kind == "choice":
        option = question.option(str(value))
        return [tr(option.label) if option else str(value)]
    if kind == "choices":
        return [tr(o.label) for o in question.options if o.value in value]
    if kind == "national_id":
        text = str(value)
        return [f"{text[:3]} {text[3:6]} {text[6:]}" if len(text) == 9 else text]
    if kind == "address" and isinstance(value, Mapping):
        return [
            str(value[part]) for part in ("line_1", "line_2", "town", "postcode") if part in value
        ]
    if kind == "file":
        return [str(entry.get("name", "")) for entry in value]
    if kind == "textarea":
        return str(value).splitlines()
    return [str(value)]


def answer_sections(
    service: Service,
    checked: CheckedAnswers,
    *,
    change_url: Callable[[str, str], str] | None = None,
) -> list[Section]:
    """The shown pages with their answered questions, in order.

    `change_url(page_id, field_id)` gives each row's "Change" link; without it
    the rows have none (a sent application cannot change).
    """
    sections = []
    for page in service.pages:
        if page.id not in checked.pages:
            continue
        section = Section(title=tr(page.title), page_id=page.id)
        for question in page.questions:
            value = checked.values.get(question.id)
            if value is None:
                continue
            href = change_url(page.id, _field_id(question)) if change_url else ""
            if question.type == "repeat":
                item_label = tr(question.item_label) or tr(question.label)
                for index, item in enumerate(value):
                    lines = []
                    for inner in question.questions:
                        lines += answer_lines(service, inner, item.get(inner.id))
                    section.rows.append(Row(f"{item_label} {index + 1}", lines, href))
                continue
            key = tr(question.label)
            if question.type == "file":
                key = tr(service.document(str(question.document)).title)
            section.rows.append(Row(key, answer_lines(service, question, value), href))
        sections.append(section)
    return sections


def _field_id(question: Question) -> str:
    if question.type == "date":
        return f"{question.id}-day"
    if question.type == "address":
        return f"{question.id}-line_1"
    if question.type == "repeat" and question.questions:
        inner = question.questions[0]
        return f"{question.id}-0-{inner.id}" + ("-day" if inner.type == "date" else "")
    return question.id


def amount_views(service: Service, assessment: Assessment) -> list[AmountView]:
    hints = {amount.id: amount.hint for amount in service.amounts}
    return [
        AmountView(
            label=tr(amount.label),
            value=money(amount.value, service.currency),
            hint=tr(hints.get(amount.id)),
            lines=[
                f"{line.render(text=tr)}: {money(line.amount, service.currency)}"
                if line.amount is not None
                else line.render(text=tr)
                for line in amount.lines
            ],
        )
        for amount in assessment.amounts
    ]


def outcome_view(assessment: Assessment) -> OutcomeView | None:
    result = assessment.eligibility
    if result is None:
        return None
    reason = render(result.reason, result.params, text=tr)
    steps = render(result.next_steps, result.params, text=tr) if result.next_steps else ""
    return OutcomeView(result.outcome, reason, markdown_html_uncached(steps))
