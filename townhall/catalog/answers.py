"""Check a resident's answers against a service: types, required, choices, limits.

`check_answers` walks the pages in order. A page or question whose condition
is false is skipped: it is never required and any answer to it is dropped. A
condition that reads an answer with an error stays hidden until the resident
fixes that answer. Answers may come from an HTML form (text, "1,250.00",
``{"day": "4", "month": "7", "year": "1990"}``) or from the JSON API (numbers,
booleans, ISO dates); the cleaned values are typed: ``int``/``Decimal``
(money: always ``Decimal`` to the cent), ``date``, ``bool``, lists and dicts.

Error messages follow the GOV.UK Design System's wording ("Enter your date of
birth", "Date of birth must be in the past"). Each is a `Message`: the English
words as a ``str``, plus the template and values the Django layer needs to
translate it (``message.render(text=…)``). Templates are marked with
`gettext_noop` so that ``makemessages`` finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NoReturn

from townhall.catalog.rules import evaluate, truthy
from townhall.catalog.spec import FILE_TYPE_NAMES, Condition, Page, Question, Service
from townhall.catalog.text import Text, english, gettext_noop, render

TEXT_MAX = 200
TEXTAREA_MAX = 2000
ADDRESS_LINE_MAX = 100

ENTER = Text(gettext_noop("Enter {noun}"))
SELECT = Text(gettext_noop("Select {noun}"))
SELECT_YES_NO = Text(gettext_noop("Select yes or no"))
UPLOAD = Text(gettext_noop("Upload {noun}"))
ADD_AT_LEAST = Text(gettext_noop("Add at least {min} {noun}"))
ADD_NO_MORE_THAN = Text(gettext_noop("Add no more than {max} {noun}"))
MUST_BE_TEXT = Text(gettext_noop("{noun:sentence} must be text"))
TOO_LONG = Text(gettext_noop("{noun:sentence} must be {max} characters or less"))
WRONG_FORMAT = Text(gettext_noop("Enter {noun} in the correct format"))
NOT_A_NUMBER = Text(gettext_noop("{noun:sentence} must be a number"))
NOT_WHOLE = Text(gettext_noop("{noun:sentence} must be a whole number"))
TOO_PRECISE = Text(gettext_noop("{noun:sentence} must have no more than {decimals} decimal places"))
TOO_PRECISE_ONE = Text(gettext_noop("{noun:sentence} must have no more than 1 decimal place"))
NUMBER_TOO_SMALL = Text(gettext_noop("{noun:sentence} must be {min} or more"))
NUMBER_TOO_LARGE = Text(gettext_noop("{noun:sentence} must be {max} or less"))
NOT_MONEY = Text(gettext_noop("{noun:sentence} must be an amount of money, like 600 or 193.54"))
MONEY_TOO_SMALL = Text(gettext_noop("{noun:sentence} must be {min:money} or more"))
MONEY_TOO_LARGE = Text(gettext_noop("{noun:sentence} must be {max:money} or less"))
NOT_A_DATE = Text(gettext_noop("{noun:sentence} must be a real date"))
DATE_MISSING_PART = Text(gettext_noop("{noun:sentence} must include a {part}"))
DATE_PARTS = {
    "day": Text(gettext_noop("day")),
    "month": Text(gettext_noop("month")),
    "year": Text(gettext_noop("year")),
}
NOT_PAST = Text(gettext_noop("{noun:sentence} must be in the past"))
NOT_FUTURE = Text(gettext_noop("{noun:sentence} must be in the future"))
SELECT_AT_LEAST = Text(gettext_noop("Select at least {min} options"))
SELECT_NO_MORE_THAN = Text(gettext_noop("Select no more than {max} options"))
NOT_EMAIL = Text(
    gettext_noop("Enter an email address in the correct format, like name@example.com")
)
NOT_PHONE = Text(gettext_noop("Enter a phone number in the correct format, like 555 010 0199"))
NOT_POSTCODE = Text(gettext_noop("Enter a real postcode"))
NOT_NATIONAL_ID = Text(
    gettext_noop("Enter a national ID number in the correct format, like 123 456 789")
)
ENTER_LINE_1 = Text(gettext_noop("Enter address line 1, typically the building and street"))
ENTER_TOWN = Text(gettext_noop("Enter town or city"))
ENTER_POSTCODE = Text(gettext_noop("Enter postcode"))
LINE_TOO_LONG = Text(gettext_noop("Address lines must be {max} characters or less"))
FILE_TYPE = Text(gettext_noop("{noun:sentence} must be a {types}"))
FILE_SIZE = Text(gettext_noop("{noun:sentence} must be smaller than {max} MB"))
TOO_MANY_FILES = Text(gettext_noop("Upload no more than {max} files for {noun}"))
OR = gettext_noop("or")

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?\d{7,15}")
POSTCODE = re.compile(r"[A-Z0-9][A-Z0-9 -]{1,8}[A-Z0-9]")
NATIONAL_ID = re.compile(r"\d{9}")
DECIMAL = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class _Wrong(Exception):
    """Raised by `_Check.fail` once an answer's error is recorded."""


class Message(str):
    """An error message: English words, and the template and values behind them."""

    template: Text
    params: Mapping[str, object]

    def __new__(cls, template: Text, params: Mapping[str, object] | None = None) -> Message:
        values = dict(params or {})
        message = super().__new__(cls, render(template, values))
        message.template = template
        message.params = values
        return message

    def render(self, *, text: Callable[[Text], str] = english) -> str:
        """The message in words; `text` translates each Text (template and values)."""
        return render(self.template, self.params, text=text)


@dataclass(frozen=True)
class CheckedAnswers:
    """Typed answers to the questions that were shown, and errors by field.

    Error keys are answer paths: ``date_of_birth``, ``site_address.postcode``,
    ``members.0.date_of_birth`` (the first household member's).
    """

    values: dict[str, object]
    errors: dict[str, Message]
    pages: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return not self.errors

    def errors_on(self, page: Page) -> dict[str, Message]:
        """The errors of one page's questions, for a form that checks a page at a time."""
        ids = {question.id for question in page.questions}
        return {key: message for key, message in self.errors.items() if key.split(".")[0] in ids}


def validate_answers(
    service: Service, answers: Mapping[str, object], *, today: date | None = None
) -> dict[str, str]:
    """Errors by field (empty when the answers are complete and valid)."""
    return dict(check_answers(service, answers, today=today).errors)


def check_answers(
    service: Service, answers: Mapping[str, object], *, today: date | None = None
) -> CheckedAnswers:
    """Clean every shown answer; answers to skipped or unknown questions are dropped."""
    today = today or date.today()
    values: dict[str, object] = {}
    errors: dict[str, Message] = {}
    pages: list[str] = []
    for page in service.pages:
        if not shows(page.show_if, values, errors, service=service, today=today):
            continue
        pages.append(page.id)
        for question in page.questions:
            if not shows(question.show_if, values, errors, service=service, today=today):
                continue
            value, problems = clean_answer(
                question, answers.get(question.id), service=service, today=today, context=values
            )
            errors.update(problems)
            if value is not None:
                values[question.id] = value
    return CheckedAnswers(values, errors, tuple(pages))


def shows(
    condition: Condition | None,
    values: Mapping[str, object],
    errors: Mapping[str, object],
    *,
    service: Service,
    today: date,
) -> bool:
    """Whether a page or question with this condition is shown, given earlier answers."""
    if condition is None:
        return True
    if any(name == key or key.startswith(f"{name}.") for name in condition.names for key in errors):
        return False
    value = evaluate(condition.rule, values, tables=service.tables, today=today, where="show_if")
    return truthy(value)


def clean_answer(
    question: Question,
    raw: object,
    *,
    service: Service,
    today: date | None = None,
    key: str | None = None,
    context: Mapping[str, object] | None = None,
) -> tuple[object, dict[str, Message]]:
    """One answer, typed, or ``None`` when missing or wrong; and its errors by field.

    `context` holds the earlier answers, read by the conditions of a repeat
    group's own questions.
    """
    check = _Check(service, today or date.today(), context or {}, {})
    return check.answer(question, raw, key or question.id), check.errors


def _blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return not raw
    if isinstance(raw, Mapping):
        return all(_blank(value) for value in raw.values())
    return False


@dataclass
class _Check:
    service: Service
    today: date
    context: Mapping[str, object]
    errors: dict[str, Message]

    def fail(
        self, question: Question, key: str, kind: str, default: Text, **params: object
    ) -> NoReturn:
        """Record the answer's error and stop checking it."""
        template = question.error_text(kind) or default
        self.errors[key] = Message(template, {"noun": question.noun, **params})
        raise _Wrong

    def answer(self, question: Question, raw: object, key: str) -> object:
        """The typed answer, or None when it is missing or wrong (its error recorded)."""
        try:
            if not _blank(raw):
                return _CLEANERS[question.type](self, question, raw, key)
            if question.type == "repeat" and question.min_items and question.required:
                self.fail(question, key, "too_few", ADD_AT_LEAST, min=question.min_items)
            if question.required:
                self.fail(question, key, "required", _REQUIRED[question.type])
        except _Wrong:
            pass
        return None

    def text(self, question: Question, raw: object, key: str) -> object:
        if not isinstance(raw, str):
            self.fail(question, key, "invalid", MUST_BE_TEXT)
        value = raw.strip()
        limit = question.max_length or (TEXTAREA_MAX if question.type == "textarea" else TEXT_MAX)
        if len(value) > limit:
            self.fail(question, key, "too_long", TOO_LONG, max=limit)
        if question.pattern and not re.fullmatch(question.pattern, value):
            self.fail(question, key, "invalid", question.pattern_error or WRONG_FORMAT)
        return value

    def number(self, question: Question, raw: object, key: str) -> object:
        number = _decimal(raw, money=False)
        if number is None:
            self.fail(question, key, "invalid", NOT_A_NUMBER)
        places = max(0, -int(number.normalize().as_tuple().exponent))
        if places > question.decimals:
            if question.decimals == 0:
                self.fail(question, key, "invalid", NOT_WHOLE)
            precise = TOO_PRECISE_ONE if question.decimals == 1 else TOO_PRECISE
            self.fail(question, key, "invalid", precise, decimals=question.decimals)
        if question.minimum is not None and number < question.minimum:
            self.fail(question, key, "too_small", NUMBER_TOO_SMALL, min=question.minimum)
        if question.maximum is not None and number > question.maximum:
            self.fail(question, key, "too_large", NUMBER_TOO_LARGE, max=question.maximum)
        return int(number) if question.decimals == 0 else number

    def money(self, question: Question, raw: object, key: str) -> object:
        amount = _decimal(raw, money=True)
        if amount is None or -int(amount.normalize().as_tuple().exponent) > 2:
            self.fail(question, key, "invalid", NOT_MONEY)
        minimum = question.minimum if question.minimum is not None else Decimal(0)
        if amount < minimum:
            self.fail(question, key, "too_small", MONEY_TOO_SMALL, min=minimum)
        if question.maximum is not None and amount > question.maximum:
            self.fail(question, key, "too_large", MONEY_TOO_LARGE, max=question.maximum)
        return amount.quantize(Decimal("0.01"))

    def date(self, question: Question, raw: object, key: str) -> object:
        parts = _date_parts(raw)
        if isinstance(parts, str):
            self.fail(question, key, "invalid", DATE_MISSING_PART, part=DATE_PARTS[parts])
        try:
            value = date(*parts) if parts is not None else None
        except ValueError:
            value = None
        if value is None or value.year < 1000:
            self.fail(question, key, "invalid", NOT_A_DATE)
        if question.date_must_be == "past" and value >= self.today:
            self.fail(question, key, "past", NOT_PAST)
        if question.date_must_be == "future" and value <= self.today:
            self.fail(question, key, "future", NOT_FUTURE)
        return value

    def yes_no(self, question: Question, raw: object, key: str) -> object:
        if isinstance(raw, bool):
            return raw
        words = {"yes": True, "true": True, "no": False, "false": False}
        if isinstance(raw, str) and raw.strip().lower() in words:
            return words[raw.strip().lower()]
        self.fail(question, key, "required", SELECT_YES_NO)

    def choice(self, question: Question, raw: object, key: str) -> object:
        if isinstance(raw, str) and question.option(raw.strip()) is not None:
            return raw.strip()
        self.fail(question, key, "required", SELECT)

    def choices(self, question: Question, raw: object, key: str) -> object:
        picked = [raw] if isinstance(raw, str) else raw
        if not isinstance(picked, list | tuple) or not all(
            isinstance(value, str) and question.option(value) for value in picked
        ):
            self.fail(question, key, "required", SELECT)
        values = [option.value for option in question.options if option.value in picked]
        if len(values) < question.min_items:
            self.fail(question, key, "too_few", SELECT_AT_LEAST, min=question.min_items)
        if question.max_items is not None and len(values) > question.max_items:
            self.fail(question, key, "too_many", SELECT_NO_MORE_THAN, max=question.max_items)
        return values

    def email(self, question: Question, raw: object, key: str) -> object:
        value = raw.strip() if isinstance(raw, str) else ""
        if len(value) > 254 or not EMAIL.fullmatch(value):
            self.fail(question, key, "invalid", NOT_EMAIL)
        return value

    def phone(self, question: Question, raw: object, key: str) -> object:
        value = raw.strip() if isinstance(raw, str) else ""
        if not PHONE.fullmatch(re.sub(r"[\s().-]", "", value)):
            self.fail(question, key, "invalid", NOT_PHONE)
        return value

    def postcode(self, question: Question, raw: object, key: str) -> object:
        value = _postcode(raw)
        if value is None:
            self.fail(question, key, "invalid", NOT_POSTCODE)
        return value

    def national_id(self, question: Question, raw: object, key: str) -> object:
        value = re.sub(r"[\s-]", "", raw) if isinstance(raw, str) else ""
        if not NATIONAL_ID.fullmatch(value):
            self.fail(question, key, "invalid", NOT_NATIONAL_ID)
        return value

    def address(self, question: Question, raw: object, key: str) -> object:
        if not isinstance(raw, Mapping):
            self.fail(question, key, "invalid", ENTER)
        lines = {name: raw.get(name) for name in ("line_1", "line_2", "town", "postcode")}
        if any(value is not None and not isinstance(value, str) for value in lines.values()):
            self.fail(question, key, "invalid", ENTER)
        value = {name: str(text).strip() for name, text in lines.items() if text and text.strip()}
        wanted = (("line_1", ENTER_LINE_1), ("town", ENTER_TOWN), ("postcode", ENTER_POSTCODE))
        for name, message in wanted:
            if name not in value:
                self.errors[f"{key}.{name}"] = Message(message)
        for name in ("line_1", "line_2", "town"):
            if len(value.get(name, "")) > ADDRESS_LINE_MAX:
                self.errors[f"{key}.{name}"] = Message(LINE_TOO_LONG, {"max": ADDRESS_LINE_MAX})
        if "postcode" in value:
            postcode = _postcode(value["postcode"])
            if postcode is None:
                self.errors[f"{key}.postcode"] = Message(NOT_POSTCODE)
            else:
                value["postcode"] = postcode
        if any(name == key or name.startswith(f"{key}.") for name in self.errors):
            return None
        return value

    def file(self, question: Question, raw: object, key: str) -> object:
        files = [raw] if isinstance(raw, Mapping) else raw
        if not isinstance(files, list | tuple) or not all(_is_file(item) for item in files):
            self.fail(question, key, "invalid", UPLOAD)
        if len(files) > question.max_files:
            self.fail(question, key, "too_many", TOO_MANY_FILES, max=question.max_files)
        document = self.service.document(str(question.document))
        cleaned = []
        for item in files:
            assert isinstance(item, Mapping)
            if item["content_type"] not in document.content_types:
                names = [FILE_TYPE_NAMES[kind] for kind in document.accept]
                types = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {OR} {names[-1]}"
                self.fail(question, key, "file_type", FILE_TYPE, types=types)
            if item["size"] > document.max_bytes:
                self.fail(question, key, "file_size", FILE_SIZE, max=document.max_size_mb)
            cleaned.append({name: item[name] for name in _FILE_KEYS if name in item})
        return cleaned

    def repeat(self, question: Question, raw: object, key: str) -> object:
        if not isinstance(raw, list | tuple) or not all(isinstance(i, Mapping) for i in raw):
            self.fail(question, key, "invalid", ENTER)
        if len(raw) < question.min_items:
            self.fail(question, key, "too_few", ADD_AT_LEAST, min=question.min_items)
        if question.max_items is not None and len(raw) > question.max_items:
            self.fail(question, key, "too_many", ADD_NO_MORE_THAN, max=question.max_items)
        items: list[dict[str, object]] = []
        for i, answers in enumerate(raw):
            assert isinstance(answers, Mapping)
            item: dict[str, object] = {}
            prefix = f"{key}.{i}."
            for inner in question.questions:
                scope = {**self.context, **item}
                # An item's conditions read its own answers by their bare ids.
                mistakes = {k.removeprefix(prefix): v for k, v in self.errors.items()}
                if not shows(
                    inner.show_if, scope, mistakes, service=self.service, today=self.today
                ):
                    continue
                value = self.answer(inner, answers.get(inner.id), f"{key}.{i}.{inner.id}")
                if value is not None:
                    item[inner.id] = value
            items.append(item)
        return items


_FILE_KEYS = ("name", "content_type", "size", "id")

_REQUIRED: dict[str, Text] = {
    "choice": SELECT,
    "choices": SELECT,
    "yes_no": SELECT_YES_NO,
    "file": UPLOAD,
    "repeat": ADD_AT_LEAST,
}
for _type in ("text", "textarea", "number", "money", "date", "email", "phone", "postcode"):
    _REQUIRED[_type] = ENTER
for _type in ("address", "national_id"):
    _REQUIRED[_type] = ENTER

_CLEANERS: dict[str, Callable[[_Check, Question, object, str], object]] = {
    "text": _Check.text,
    "textarea": _Check.text,
    "number": _Check.number,
    "money": _Check.money,
    "date": _Check.date,
    "yes_no": _Check.yes_no,
    "choice": _Check.choice,
    "choices": _Check.choices,
    "email": _Check.email,
    "phone": _Check.phone,
    "postcode": _Check.postcode,
    "national_id": _Check.national_id,
    "address": _Check.address,
    "file": _Check.file,
    "repeat": _Check.repeat,
}


def _decimal(raw: object, *, money: bool) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    if not isinstance(raw, str):
        return None
    text = re.sub(r"[\s,]", "", raw)
    if money:
        text = text.lstrip("$€£")
    if not DECIMAL.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date_parts(raw: object) -> tuple[int, int, int] | str | None:
    """(year, month, day); the name of a missing part; or None when not a date."""
    if isinstance(raw, date):
        return raw.year, raw.month, raw.day
    if isinstance(raw, str):
        match = ISO_DATE.fullmatch(raw.strip())
        return (int(match[1]), int(match[2]), int(match[3])) if match else None
    if isinstance(raw, Mapping):
        parts: dict[str, int] = {}
        for name in ("day", "month", "year"):
            part = raw.get(name)
            if _blank(part):
                return name
            text = str(part).strip()
            if isinstance(part, bool) or not text.isdigit():
                return None
            parts[name] = int(text)
        if parts["year"] < 1000:
            return None
        return parts["year"], parts["month"], parts["day"]
    return None


def _postcode(raw: object) -> str | None:
    if not isinstance(raw, str):
        return None
    value = " ".join(raw.upper().split())
    if not POSTCODE.fullmatch(value) or not any(char.isdigit() for char in value):
        return None
    return value


def _is_file(item: object) -> bool:
    return (
        isinstance(item, Mapping)
        and isinstance(item.get("name"), str)
        and isinstance(item.get("content_type"), str)
        and isinstance(item.get("size"), int)
        and not isinstance(item.get("size"), bool)
        and item["size"] >= 0
    )
