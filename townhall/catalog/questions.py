"""Read the questions of a definition, in the order a resident meets them.

The reader keeps the names asked so far, so that a condition can be checked
to read only answers given before it, and one namespace of ids shared by
questions (a repeat group's own included), derived values and amounts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from townhall.catalog.rules import check, names_used
from townhall.catalog.spec import ERROR_KINDS, QUESTION_TYPES, Condition, Option, Question
from townhall.catalog.text import Text
from townhall.catalog.yaml_fields import Fields, Report
from townhall.catalog.yaml_lines import LineDict, plain

ID = r"[a-z][a-z0-9_]*"
OPTION_VALUE = r"[a-z0-9][a-z0-9_-]*"
COMMON_KEYS = (
    "id",
    "type",
    "label",
    "hint",
    "noun",
    "required",
    "show_if",
    "sensitive",
    "example",
    "autocomplete",
    "errors",
)
TYPE_KEYS: Mapping[str, tuple[str, ...]] = {
    "text": ("max_length", "pattern", "pattern_error"),
    "textarea": ("max_length",),
    "number": ("min", "max", "decimals", "unit"),
    "money": ("min", "max"),
    "date": ("must_be",),
    "choice": ("options",),
    "choices": ("options", "min_selected", "max_selected"),
    "file": ("document", "max_files"),
    "repeat": ("questions", "min_items", "max_items", "item_label"),
}
ALWAYS_SENSITIVE = frozenset({"national_id"})
NOT_IN_A_GROUP = frozenset({"repeat", "file"})

Names = dict[str, frozenset[str] | None]


class QuestionReader:
    def __init__(
        self,
        report: Report,
        tables: Mapping[str, object],
        documents: set[str],
        all_ids: frozenset[str],
    ) -> None:
        self.report = report
        self.tables = tables
        self.documents = documents
        self.all_ids = all_ids
        self.names: Names = {}
        self.ids: dict[str, int] = {}

    def new_id(self, fields: Fields) -> str | None:
        """The item's ``id``, if it is well formed and not used before."""
        new = fields.string("id", pattern=ID, like="date_of_birth")
        if new is None:
            return None
        if new in self.ids:
            fields.error("id", f"the id {new!r} is already used on line {self.ids[new]}")
            return None
        self.ids[new] = fields.line("id")
        return new

    def condition(self, fields: Fields, key: str, names: Names) -> Condition | None:
        """A ``show_if`` that may only read `names`: answers asked before it."""
        if not fields.has(key):
            return None
        rule = fields.get(key)
        used = names_used(rule)
        later = sorted(name for name in used if name not in names and name in self.all_ids)
        for name in later:
            reason = f"reads {name!r}, which is not an answer given before this point"
            fields.error(key, reason)
        allowed = {**names, **dict.fromkeys(later)}
        problems = check(rule, names=allowed, tables=self.tables, where=fields.at(key))
        for problem in problems:
            self.report.error(problem.line or fields.line(key), problem.path, problem.message)
        if later or problems:
            return None
        return Condition(plain(rule), used)

    def read(
        self, data: object, where: str, line: int, *, group: Names | None = None
    ) -> Question | None:
        """One question; `group` holds the names a repeat group's own question may read."""
        kind = data.get("type") if isinstance(data, LineDict) else None
        allowed = COMMON_KEYS + TYPE_KEYS.get(str(kind), ())
        if kind not in QUESTION_TYPES:
            allowed = COMMON_KEYS + tuple(key for keys in TYPE_KEYS.values() for key in keys)
        fields = Fields(self.report, data, where, line, allowed)
        question_id = self.new_id(fields)
        question_type = fields.choice("type", QUESTION_TYPES)
        if group is not None and question_type in NOT_IN_A_GROUP:
            fields.error("type", f"a repeat group cannot hold a {question_type!r} question")
        label = fields.text("label")
        show_if = self.condition(fields, "show_if", self.names if group is None else group)
        noun = fields.text("noun", required=False) or self._noun(fields, label, question_type)
        sensitive = fields.boolean("sensitive", question_type in ALWAYS_SENSITIVE)
        if question_type in ALWAYS_SENSITIVE and not sensitive:
            fields.error("sensitive", "a national ID number is always sensitive")
        if question_id is None or question_type is None or label is None or noun is None:
            if question_id is not None and group is None:
                self.names[question_id] = None  # so that later rules report no knock-on mistakes
            return None
        question = Question(
            id=question_id,
            type=question_type,  # type: ignore[arg-type]
            label=label,
            noun=noun,
            hint=fields.text("hint", required=False),
            required=fields.boolean("required", True),
            show_if=show_if,
            sensitive=sensitive,
            example=plain(fields.get("example")),
            autocomplete=fields.string("autocomplete", required=False, pattern=r"[a-z0-9 -]+"),
            errors=self._errors(fields),
            line=fields.line(),
            **self._specific(fields, question_type, question_id),
        )
        if group is None:
            fields_inside = frozenset(q.id for q in question.questions)
            self.names[question_id] = fields_inside if question.type == "repeat" else None
        return question

    def _noun(self, fields: Fields, label: Text | None, kind: str | None) -> Text | None:
        if label is None:
            return None
        if label.en.rstrip().endswith("?") and kind != "yes_no":
            fields.error(None, "a label worded as a question needs a 'noun' for error messages")
            return None
        return Text(
            _lower_first(label.en), tuple((c, _lower_first(t)) for c, t in label.translations)
        )

    def _errors(self, fields: Fields) -> tuple[tuple[str, Text], ...]:
        errors = fields.fields("errors", ERROR_KINDS, required=False)
        if errors is None:
            return ()
        found = ((kind, errors.text(kind)) for kind in ERROR_KINDS if errors.has(kind))
        return tuple((kind, text) for kind, text in found if text is not None)

    def _specific(self, fields: Fields, kind: str, question_id: str) -> dict[str, Any]:
        """The fields of a question that depend on its type."""
        if kind in ("number", "money"):
            minimum, maximum = fields.number("min"), fields.number("max")
            if minimum is not None and maximum is not None and minimum > maximum:
                fields.error("min", "must not be more than 'max'")
            if kind == "money":
                return {"minimum": Decimal(0) if minimum is None else minimum, "maximum": maximum}
            decimals = fields.integer("decimals", default=0, minimum=0, maximum=6) or 0
            unit = fields.text("unit", required=False)
            return {"minimum": minimum, "maximum": maximum, "decimals": decimals, "unit": unit}
        if kind in ("text", "textarea"):
            found: dict[str, Any] = {
                "max_length": fields.integer("max_length", default=0, minimum=1, maximum=10_000)
                or None
            }
            pattern = fields.string("pattern", required=False)
            if pattern is not None:
                try:
                    re.compile(pattern)
                except re.error as error:
                    fields.error("pattern", f"not a regular expression: {error}")
                if not fields.has("pattern_error") or not fields.has("example"):
                    fields.error("pattern", "a pattern needs a 'pattern_error' and an 'example'")
                found |= {"pattern": pattern, "pattern_error": fields.text("pattern_error")}
            return found
        if kind == "date":
            return {"date_must_be": fields.choice("must_be", ("any", "past", "future"), "any")}
        if kind in ("choice", "choices"):
            return self._options(fields, kind)
        if kind == "file":
            document = fields.string("document")
            if document is not None and document not in self.documents:
                fields.error("document", f"no document has the id {document!r}")
            return {
                "document": document,
                "max_files": fields.integer("max_files", default=1, minimum=1, maximum=20),
            }
        if kind == "repeat":
            return self._group(fields, question_id)
        return {}

    def _options(self, fields: Fields, kind: str) -> dict[str, Any]:
        options: list[Option] = []
        for item, where, line in fields.items("options"):
            option = Fields(self.report, item, where, line, ("value", "label", "hint"))
            value = option.string("value", pattern=OPTION_VALUE, like="new_build")
            label = option.text("label")
            if value is not None and any(o.value == value for o in options):
                option.error("value", f"another option already has the value {value!r}")
            elif value is not None and label is not None:
                options.append(Option(value, label, option.text("hint", required=False)))
        if kind == "choice" and len(options) < 2:
            fields.error("options", "a choice needs at least 2 options")
        if kind == "choice":
            return {"options": tuple(options)}
        most = len(options) or None
        minimum = fields.integer("min_selected", default=0, minimum=0, maximum=most)
        maximum = fields.integer("max_selected", default=most or 0, minimum=1, maximum=most)
        return {"options": tuple(options), "min_items": minimum, "max_items": maximum}

    def _group(self, fields: Fields, question_id: str) -> dict[str, Any]:
        group: Names = dict(self.names)
        inner: list[Question] = []
        for item, where, line in fields.items("questions"):
            question = self.read(item, where, line, group=group)
            if question is not None:
                inner.append(question)
                group[question.id] = None
        minimum = fields.integer("min_items", default=0, minimum=0, maximum=100) or 0
        maximum = fields.integer("max_items", minimum=1, maximum=100)
        if maximum is not None and minimum > maximum:
            fields.error("min_items", "must not be more than 'max_items'")
        return {
            "questions": tuple(inner),
            "min_items": minimum,
            "max_items": maximum,
            "item_label": fields.text("item_label"),
        }


def _lower_first(words: str) -> str:
    words = words.strip()
    # "ZIP code" and "ID number" keep their capitals; "Floor area" becomes "floor area".
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]
