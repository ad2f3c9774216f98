"""A service's answers as JSON: an example and a JSON Schema (draft 2020-12).

The schema describes the shape of each answer the API accepts. What depends
on other answers (a question shown only when a condition holds, required only
then) cannot be said in JSON Schema without copying the rules, so such
questions are never listed as ``required`` and carry their condition as
``x-show-if`` (the JSON Logic rule); `validate_answers` checks the rest. Money
and decimal numbers are written as text ("1250.50") or JSON numbers; the
example uses text, so that no client parses money as a float.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from townhall.catalog.answers import clean_answer, shows
from townhall.catalog.spec import CONTENT_TYPES, Question, Service

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DECIMAL_TEXT = r"^-?[0-9]+(\.[0-9]+)?$"
MONEY_TEXT = r"^[0-9]+(\.[0-9]{1,2})?$"
DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# A fixed far date keeps the committed OpenAPI schema stable from day to day.
EXAMPLE_DATES = {"past": "1990-04-15", "future": "2099-06-01", "any": "2024-03-01"}
EXAMPLE_BY_TYPE: dict[str, object] = {
    "text": "Example answer",
    "textarea": "An example answer, in a sentence or two.",
    "yes_no": True,
    "email": "name@example.com",
    "phone": "555 010 0199",
    "postcode": "RV1 2AB",
    "national_id": "123456789",
    "address": {"line_1": "1 River Street", "town": "Riverside", "postcode": "RV1 2AB"},
}


def example_answers(service: Service, *, today: date | None = None) -> dict[str, object]:
    """One complete set of answers that `validate_answers` accepts, as JSON values.

    Each question's ``example`` from the definition is used where given; the
    pages and questions shown are those the example's own answers lead to.
    """
    today = today or date.today()
    answers: dict[str, object] = {}
    values: dict[str, object] = {}
    for page in service.pages:
        if not shows(page.show_if, values, {}, service=service, today=today):
            continue
        for question in page.questions:
            if not shows(question.show_if, values, {}, service=service, today=today):
                continue
            answers[question.id] = _example(service, question, values, today)
            values[question.id], _ = clean_answer(
                question, answers[question.id], service=service, today=today, context=values
            )
    return answers


def _example(
    service: Service, question: Question, values: dict[str, object], today: date
) -> object:
    if question.example is not None:
        return _json(question.example)
    if question.type == "repeat":
        items: list[dict[str, object]] = []
        for _ in range(max(question.min_items, 1)):
            item: dict[str, object] = {}
            cleaned: dict[str, object] = {}
            for inner in question.questions:
                if shows(inner.show_if, {**values, **cleaned}, {}, service=service, today=today):
                    item[inner.id] = _example(service, inner, {**values, **cleaned}, today)
                    cleaned[inner.id], _ = clean_answer(inner, item[inner.id], service=service)
            items.append(item)
        return items
    if question.type in ("number", "money"):
        low = question.minimum if question.minimum is not None else Decimal(1)
        number = max(low, Decimal(1)) if question.maximum is None else low
        if question.type == "money":
            return _json(number.quantize(Decimal("0.01")))
        return int(number) if question.decimals == 0 else _json(number)
    if question.type == "date":
        return EXAMPLE_DATES[question.date_must_be]
    if question.type == "choice":
        return question.options[0].value
    if question.type == "choices":
        return [option.value for option in question.options[: max(question.min_items, 1)]]
    if question.type == "file":
        document = service.document(str(question.document))
        extension = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}[document.accept[0]]
        name = f"{document.id.replace('_', '-')}.{extension}"
        return [{"name": name, "content_type": CONTENT_TYPES[document.accept[0]], "size": 48_213}]
    return EXAMPLE_BY_TYPE[question.type]


def _json(value: object) -> object:
    """Example values as JSON: dates as ISO text, decimals as text, ints as ints."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    return value


def answers_json_schema(service: Service, *, today: date | None = None) -> dict[str, object]:
    """The answers object of `service` as a JSON Schema, with one example."""
    properties: dict[str, object] = {}
    required: list[str] = []
    for page in service.pages:
        for question in page.questions:
            shape = _property(service, question)
            if page.show_if is not None:
                shape["x-page-show-if"] = _rule_json(page.show_if.rule)
            properties[question.id] = shape
            always = page.show_if is None and question.show_if is None
            if always and question.required and (question.type != "repeat" or question.min_items):
                required.append(question.id)
    return {
        "$schema": DRAFT,
        "title": f"Answers: {service.title.en}",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "examples": [example_answers(service, today=today)],
    }


def _property(service: Service, question: Question) -> dict[str, object]:
    schema = _shape(service, question)
    schema["title"] = question.label.en
    if question.hint is not None:
        schema["description"] = question.hint.en
    if question.sensitive:
        schema["x-sensitive"] = True
    if question.show_if is not None:
        schema["x-show-if"] = _rule_json(question.show_if.rule)
    return schema


def _shape(service: Service, question: Question) -> dict[str, object]:
    kind = question.type
    if kind in ("text", "textarea"):
        limit = question.max_length or (2000 if kind == "textarea" else 200)
        shape: dict[str, object] = {"type": "string", "maxLength": limit}
        if question.pattern:
            shape["pattern"] = question.pattern
        return shape
    if kind in ("number", "money"):
        shape = {
            "type": ["number", "string"],
            "pattern": MONEY_TEXT if kind == "money" else DECIMAL_TEXT,
        }
        if question.decimals == 0 and kind == "number":
            shape = {"type": ["integer", "string"], "pattern": r"^-?[0-9]+$"}
        if question.minimum is not None:
            shape["minimum"] = _number(question.minimum)
        if question.maximum is not None:
            shape["maximum"] = _number(question.maximum)
        return shape
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": DATE_TEXT}
    if kind == "yes_no":
        return {"type": "boolean"}
    if kind == "choice":
        return {"type": "string", "enum": [option.value for option in question.options]}
    if kind == "choices":
        shape = {
            "type": "array",
            "items": {"enum": [option.value for option in question.options]},
            "uniqueItems": True,
            "minItems": question.min_items,
        }
        if question.max_items is not None:
            shape["maxItems"] = question.max_items
        return shape
    if kind == "email":
        return {"type": "string", "format": "email", "maxLength": 254}
    if kind in ("phone", "postcode"):
        return {"type": "string", "maxLength": 30 if kind == "phone" else 10}
    if kind == "national_id":
        return {"type": "string", "pattern": r"^[0-9][0-9 -]{7,10}[0-9]$"}
    if kind == "address":
        line = {"type": "string", "maxLength": 100}
        return {
            "type": "object",
            "properties": {"line_1": line, "line_2": line, "town": line, "postcode": line},
            "required": ["line_1", "town", "postcode"],
            "additionalProperties": False,
        }
    if kind == "file":
        document = service.document(str(question.document))
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": question.max_files,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "content_type": {"enum": list(document.content_types)},
                    "size": {"type": "integer", "minimum": 0, "maximum": document.max_bytes},
                    "id": {"type": "string"},
                },
                "required": ["name", "content_type", "size"],
                "additionalProperties": False,
            },
        }
    inner = {q.id: _property(service, q) for q in question.questions}
    shape = {
        "type": "array",
        "minItems": question.min_items,
        "items": {
            "type": "object",
            "properties": inner,
            "required": [q.id for q in question.questions if q.required and q.show_if is None],
            "additionalProperties": False,
        },
    }
    if question.max_items is not None:
        shape["maxItems"] = question.max_items
    return shape


def _rule_json(rule: object) -> object:
    """A condition as plain JSON Logic for API clients (numbers as JSON numbers)."""
    if isinstance(rule, Decimal):
        return _number(rule)
    if isinstance(rule, date):
        return rule.isoformat()
    if isinstance(rule, list):
        return [_rule_json(item) for item in rule]
    if isinstance(rule, dict):
        return {key: _rule_json(item) for key, item in rule.items()}
    return rule


def _number(value: Decimal) -> int | float:
    # JSON Schema limits are JSON numbers; these come from the definition, not from money sums.
    return int(value) if value == value.to_integral_value() else float(value)
