"""The shape of a service definition: frozen dataclasses, no behaviour beyond lookups.

`townhall.catalog.loading` builds these from YAML and checks them; nothing
else creates them, so code that receives a `Service` may trust it. Rules are
kept as the JSON Logic data they were written as (see `townhall.catalog.rules`);
treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, get_args

from townhall.catalog.text import Text, gettext_noop
from townhall.catalog.workflow import DEFAULT_WORKFLOW, Workflow

QuestionType = Literal[
    "text",
    "textarea",
    "number",
    "money",
    "date",
    "yes_no",
    "choice",
    "choices",
    "email",
    "phone",
    "postcode",
    "address",
    "national_id",
    "file",
    "repeat",
]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
Assurance = Literal["low", "substantial", "high"]
ASSURANCE_LEVELS: tuple[Assurance, ...] = get_args(Assurance)
Outcome = Literal["eligible", "likely_eligible", "not_eligible"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
DateRange = Literal["any", "past", "future"]
FileType = Literal["pdf", "jpeg", "png"]
FILE_TYPES: tuple[FileType, ...] = get_args(FileType)
DerivedType = Literal["money", "number", "boolean", "date", "text", "list"]
DERIVED_TYPES: tuple[DerivedType, ...] = get_args(DerivedType)

CONTENT_TYPES: Mapping[FileType, str] = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
FILE_TYPE_NAMES: Mapping[FileType, str] = {"pdf": "PDF", "jpeg": "JPG", "png": "PNG"}
ADDRESS_FIELDS = ("line_1", "line_2", "town", "postcode")
# Error kinds a question may word for itself under `errors:` in its YAML.
ERROR_KINDS = frozenset(
    {
        "required",
        "invalid",
        "too_small",
        "too_large",
        "too_long",
        "past",
        "future",
        "too_few",
        "too_many",
        "file_type",
        "file_size",
    }
)


@dataclass(frozen=True)
class Condition:
    """A rule that shows a page or question when it is true."""

    rule: object
    names: frozenset[str]


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    hint: Text | None = None


@dataclass(frozen=True)
class Question:
    """One question. Fields that do not apply to its `type` keep their defaults.

    - ``number``: `minimum`, `maximum`, `decimals` (0: whole numbers), `unit`;
    - ``money``: `minimum` (default 0), `maximum`; two decimal places;
    - ``text``/``textarea``: `max_length`, and for text `pattern` (a regular
      expression the whole answer must match) with `pattern_error`;
    - ``date``: `date_must_be` ``past``, ``future`` or ``any``;
    - ``choice``/``choices``: `options`; choices take `min_items`/`max_items`;
    - ``file``: `document` (the id of a `DocumentRequirement`), `max_files`;
    - ``repeat``: `questions` asked for each item, `min_items`/`max_items`,
      `item_label` ("Household member").
    """

    id: str
    type: QuestionType
    label: Text
    noun: Text
    hint: Text | None = None
    required: bool = True
    show_if: Condition | None = None
    sensitive: bool = False
    options: tuple[Option, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int = 0
    unit: Text | None = None
    max_length: int | None = None
    pattern: str | None = None
    pattern_error: Text | None = None
    date_must_be: DateRange = "any"
    document: str | None = None
    max_files: int = 1
    questions: tuple[Question, ...] = ()
    min_items: int = 0
    max_items: int | None = None
    item_label: Text | None = None
    example: object = None
    autocomplete: str | None = None
    errors: tuple[tuple[str, Text], ...] = ()
    line: int = 0

    def error_text(self, kind: str) -> Text | None:
        """The definition's own wording for an error of `kind`, if it gives one."""
        for error_kind, text in self.errors:
            if error_kind == kind:
                return text
        return None

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    show_if: Condition | None = None
    line: int = 0


@dataclass(frozen=True)
class Derived:
    """A value computed from answers (and earlier derived values) by a rule.

    With a `label`, it writes a line in the explanation of every amount that
    depends on it ("Taxable income: 31,000.00"), unless it is zero and
    `hide_if_zero` is set.
    """

    id: str
    rule: object
    names: frozenset[str]
    label: Text | None = None
    type: DerivedType | None = None
    hide_if_zero: bool = False
    line: int = 0


@dataclass(frozen=True)
class EligibilityRule:
    outcome: Outcome
    reason: Text
    when: Condition | None = None
    next_steps: Text | None = None


@dataclass(frozen=True)
class Eligibility:
    """The first rule whose `when` is true decides; `otherwise` when none is."""

    rules: tuple[EligibilityRule, ...]
    otherwise: EligibilityRule


@dataclass(frozen=True)
class Amount:
    """A fee or other sum of money; only applies when `when` is true (or absent)."""

    id: str
    label: Text
    rule: object
    names: frozenset[str]
    when: Condition | None = None
    hint: Text | None = None
    line: int = 0


@dataclass(frozen=True)
class DocumentRequirement:
    id: str
    title: Text
    accept: tuple[FileType, ...]
    max_size_mb: int
    hint: Text | None = None

    @property
    def max_bytes(self) -> int:
        return self.max_size_mb * 1024 * 1024

    @property
    def content_types(self) -> tuple[str, ...]:
        return tuple(CONTENT_TYPES[kind] for kind in self.accept)


GUIDANCE_HEADINGS: tuple[tuple[str, Text], ...] = (
    ("who_can_apply", Text(gettext_noop("Who can apply"))),
    ("what_you_need", Text(gettext_noop("What you need"))),
    ("how_long_it_takes", Text(gettext_noop("How long it takes"))),
    ("cost", Text(gettext_noop("What it costs"))),
)


@dataclass(frozen=True)
class Guidance:
    """The start page's words, in Markdown, section by section."""

    who_can_apply: Text
    what_you_need: Text
    how_long_it_takes: Text
    cost: Text
    intro: Text | None = None

    def sections(self) -> list[tuple[Text, Text]]:
        """``(heading, Markdown body)`` pairs in the order they are shown."""
        return [(heading, getattr(self, key)) for key, heading in GUIDANCE_HEADINGS]

    def as_markdown(self, language: str = "en") -> str:
        """The whole guidance as one Markdown document (headings in English: the
        Django layer, which translates them, renders `sections` itself)."""
        parts = [self.intro.get(language)] if self.intro else []
        for heading, body in self.sections():
            parts.append(f"## {heading.get(language)}\n\n{body.get(language)}")
        return "\n\n".join(part.strip() for part in parts) + "\n"


@dataclass(frozen=True)
class Service:
    """One online service, as defined by its YAML text (`source`)."""

    slug: str
    version: int
    title: Text
    summary: Text
    topic: str
    guidance: Guidance
    assurance: Assurance
    sla_days: int
    pages: tuple[Page, ...]
    currency: str = "USD"
    languages: tuple[str, ...] = ("en", "es", "fr")
    derived: tuple[Derived, ...] = ()
    eligibility: Eligibility | None = None
    amounts: tuple[Amount, ...] = ()
    documents: tuple[DocumentRequirement, ...] = ()
    tables: Mapping[str, object] = field(default_factory=dict)
    what_happens_next: Text | None = None
    workflow: Workflow = DEFAULT_WORKFLOW
    source: str = ""

    def questions(self) -> Iterator[Question]:
        """Every top-level question, page by page (a repeat group's own are inside it)."""
        for page in self.pages:
            yield from page.questions

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
            for inner in question.questions:
                if inner.id == question_id:
                    return inner
        raise KeyError(question_id)

    def page_of(self, question_id: str) -> Page:
        for page in self.pages:
            if any(question.id == question_id for question in page.questions):
                return page
        raise KeyError(question_id)

    def document(self, document_id: str) -> DocumentRequirement:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    def sensitive_answers(self) -> frozenset[str]:
        """Ids of the answers to encrypt at rest: sensitive questions, and repeat
        groups with a sensitive question inside."""
        return frozenset(
            question.id
            for question in self.questions()
            if question.sensitive or any(inner.sensitive for inner in question.questions)
        )
