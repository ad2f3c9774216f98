"""The fields of one page of questions, as the templates in cases/fields/ draw them.

A page's questions come from the service definition, so `forms.PageForm` is
built from it rather than from Django form fields. This module reads posted
values into answers the catalogue checks (dates as day, month and year;
addresses as their lines; repeat groups as numbered items), and describes each
field for the templates, with its words already translated and its error.
Input names: ``date_of_birth-day``, ``home_address-postcode``,
``members-0-member_name``; the first input of a field has the id its error
summary link points to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from townhall.catalog.definition import Page, Question

FILE_EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg,.jpeg", "png": ".png"}
FILE_NAMES = {"pdf": "PDF", "jpeg": "JPG", "png": "PNG"}
DATE_PARTS = ("day", "month", "year")
ADDRESS_PARTS = ("line_1", "line_2", "town", "postcode")
MAX_ITEMS = 50
ACTION = re.compile(r"(continue|add|remove|upload|remove-file)(?::([a-z0-9_]+))?(?::([0-9a-f]+))?")

TEMPLATES = {
    "text": "text",
    "email": "text",
    "phone": "text",
    "postcode": "text",
    "national_id": "text",
    "number": "text",
    "money": "text",
    "textarea": "textarea",
    "date": "date",
    "yes_no": "radios",
    "choice": "radios",
    "choices": "checkboxes",
    "address": "address",
    "file": "file",
    "repeat": "repeat",
}


@dataclass(frozen=True)
class Action:
    """What the button pressed asks for: continue, or add/remove an item or a file."""

    kind: str = "continue"
    question: str = ""
    argument: str = ""


def action_from(data: Mapping[str, Any]) -> Action:
    match = ACTION.fullmatch(str(data.get("action") or "continue"))
    if match is None:
        return Action()
    return Action(match[1], match[2] or "", match[3] or "")


def blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return all(blank(item) for item in raw)
    if isinstance(raw, Mapping):
        return all(blank(item) for item in raw.values())
    return False


# --- stored answers <-> form values ------------------------------------------


def form_value(question: Question, value: Any) -> Any:
    """A stored (JSON) answer as the form shows it."""
    kind = question.type
    if kind == "date":
        parts = {"day": "", "month": "", "year": ""}
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return parts
            return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}
        return parts
    if kind == "address":
        value = value if isinstance(value, Mapping) else {}
        return {part: str(value.get(part) or "") for part in ADDRESS_PARTS}
    if kind == "yes_no":
        return {True: "yes", False: "no"}.get(value, "") if isinstance(value, bool) else ""
    if kind == "choices":
        return [str(item) for item in value] if isinstance(value, list) else []
    if kind == "repeat":
        items = value if isinstance(value, list) else []
        return [
            {inner.id: form_value(inner, item.get(inner.id)) for inner in question.questions}
            for item in items
            if isinstance(item, Mapping)
        ]
    if kind == "file":
        return list(value) if isinstance(value, list) else []
    return "" if value is None else str(value)


def read_value(question: Question, name: str, data: Any) -> Any:
    """The posted answer to one question, as the catalogue's checks take it."""
    kind = question.type
    if kind == "date":
        return {part: str(data.get(f"{name}-{part}", "")).strip() for part in DATE_PARTS}
    if kind == "address":
        return {part: str(data.get(f"{name}-{part}", "")) for part in ADDRESS_PARTS}
    if kind == "choices":
        return [str(item) for item in data.getlist(name)]
    if kind in ("yes_no", "choice"):
        value = data.get(name)
        return None if value is None else str(value)
    if kind == "repeat":
        try:
            count = int(data.get(f"{name}-count", 0))
        except (TypeError, ValueError):
            count = 0
        count = max(0, min(count, question.max_items or MAX_ITEMS, MAX_ITEMS))
        return [
            {
                inner.id: read_value(inner, f"{name}-{index}-{inner.id}", data)
                for inner in question.questions
            }
            for index in range(count)
        ]
    return str(data.get(name, ""))


# --- what the templates draw --------------------------------------------------


@dataclass
class Choice:
    value: str
    label: str
    hint: str
    id: str
    checked: bool
    conditional: list[Field] = field(default_factory=list)
    exclusive: bool = False


@dataclass
class Item:
    index: int
    legend: str
    remove_label: str
    fields: list[Field]


@dataclass
class Field:
    question: Question
    key: str
    name: str
    value: Any
    label: str = ""
    hint: str = ""
    error: str = ""
    error_part: str = ""
    part_errors: dict[str, str] = field(default_factory=dict)
    choices: list[Choice] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    can_add: bool = False
    add_label: str = ""
    prefix: str = ""
    suffix: str = ""
    in_item: bool = False
    accept: str = ""
    limits: str = ""

    def __getitem__(self, name: str) -> Any:
        # Django's templates try `field[name]` before `getattr(field, name)`;
        # answering it saves a raised and caught TypeError on every lookup of
        # every field of every question page.
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    @property
    def template(self) -> str:
        return f"cases/fields/{TEMPLATES[self.question.type]}.html"

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def id(self) -> str:
        """The id of the field's first input: where its error summary link goes."""
        if self.type == "date":
            return f"{self.name}-{self.error_part or 'day'}"
        if self.type == "address":
            first_wrong = next((p for p in ADDRESS_PARTS if p in self.part_errors), "line_1")
            return f"{self.name}-{first_wrong}"
        if self.type == "repeat":
            if self.items and self.items[0].fields:
                return self.items[0].fields[0].id
            return f"{self.name}-add"
        return self.name

    @property
    def input_type(self) -> str:
        return {"email": "email", "phone": "tel"}.get(self.type, "text")

    @property
    def input_mode(self) -> str:
        if self.type == "money" or (self.type == "number" and self.question.decimals):
            return "decimal"
        if self.type in ("number", "national_id"):
            return "numeric"
        return ""

    @property
    def width_class(self) -> str:
        if self.type in ("money", "number", "postcode", "national_id"):
            return "govuk-input--width-10"
        if self.type == "phone":
            return "govuk-input--width-20"
        if self.question.max_length and self.question.max_length <= 10:
            return "govuk-input--width-10"
        return ""

    @property
    def autocomplete(self) -> str:
        if self.in_item:
            return ""  # another person's details: the browser's are the resident's own
        if self.question.autocomplete:
            return self.question.autocomplete
        return {"email": "email", "phone": "tel"}.get(self.type, "")

    @property
    def spellcheck_off(self) -> bool:
        return self.type in ("email", "postcode", "national_id", "phone")

    @property
    def address_autocomplete(self) -> bool:
        return not self.in_item and self.question.id == "home_address"

    @property
    def date_autocomplete(self) -> bool:
        return not self.in_item and self.question.id == "date_of_birth"

    @property
    def files(self) -> list[dict[str, Any]]:
        return self.value if isinstance(self.value, list) else []

    @property
    def multiple(self) -> bool:
        return self.question.max_files > 1

    @property
    def has_conditional(self) -> bool:
        return any(choice.conditional for choice in self.choices)

    @property
    def address_parts(self) -> list[dict[str, str]]:
        labels = {
            "line_1": _("Address line 1"),
            "line_2": _("Address line 2 (optional)"),
            "town": _("Town or city"),
            "postcode": _("Postcode"),
        }
        tokens = {
            "line_1": "address-line1",
            "line_2": "address-line2",
            "town": "address-level2",
            "postcode": "postal-code",
        }
        values = self.value if isinstance(self.value, Mapping) else {}
        return [
            {
                "name": f"{self.name}-{part}",
                "label": labels[part],
                "value": str(values.get(part) or ""),
                "error": self.part_errors.get(part, ""),
                "autocomplete": tokens[part] if self.address_autocomplete else "",
                "width": {
                    "town": "govuk-!-width-two-thirds",
                    "postcode": "govuk-input--width-10",
                }.get(part, ""),
            }
            for part in ADDRESS_PARTS
        ]

    @property
    def error_ids(self) -> str:
        ids = []
        if self.hint:
            ids.append(f"{self.name}-hint")
        if self.limits:
            ids.append(f"{self.name}-limits")
        if self.error:
            ids.append(f"{self.name}-error")
        return " ".join(ids)


def reveal_option(question: Question, page: Page) -> tuple[str, str] | None:
    """(controlling question id, option value) when `question` shows for one
    answer to an earlier radio question on the same page: it is then drawn
    inside that answer, which GOV.UK Frontend reveals when it is picked."""
    if question.show_if is None or len(question.show_if.names) != 1:
        return None
    (name,) = question.show_if.names
    before = [q for q in page.questions[: page.questions.index(question)] if q.id == name]
    if not before or before[0].type not in ("yes_no", "choice"):
        return None
    controller = before[0]

    def var(rule: Any) -> bool:
        if not isinstance(rule, Mapping) or set(rule) != {"var"}:
            return False
        target = rule["var"]
        return target == name or target == [name]

    rule = question.show_if.rule
    if not isinstance(rule, Mapping) or len(rule) != 1:
        return None
    ((operator, argument),) = rule.items()
    if operator == "var" and var(rule) and controller.type == "yes_no":
        return name, "yes"
    if operator in ("!", "not") and controller.type == "yes_no":
        inner = argument[0] if isinstance(argument, list) and len(argument) == 1 else argument
        return (name, "no") if var(inner) else None
    if operator == "==" and isinstance(argument, list) and len(argument) == 2:
        left, right = argument
        if var(right):
            left, right = right, left
        if not var(left):
            return None
        if controller.type == "yes_no" and isinstance(right, bool):
            return name, "yes" if right else "no"
        if controller.type == "choice" and isinstance(right, str) and controller.option(right):
            return name, right
    return None
