"""Service definitions: the one module the rest of Townhall imports from.

A service is defined by a YAML file in ``townhall/catalog/services/`` (see
docs/services.md). This module gathers the pure-Python API built on those
files, so that callers need not know how it is split:

- loading: `load_services`, `load_service`, `parse_service`, `SERVICES_DIR`;
  a bad file raises `DefinitionErrors` (each a `DefinitionError`: path, line,
  reason);
- the model: `Service`, `Page`, `Question`, `Option`, `Condition`, `Derived`,
  `Eligibility`, `EligibilityRule`, `Amount`, `DocumentRequirement`,
  `Guidance`, `Text`;
- answers: `validate_answers`, `check_answers` (typed values, errors, pages
  shown), `clean_answer` (one question, for a form page), `Message`;
- rules applied: `assess` (derived values, eligibility, amounts with their
  "Why this amount?" lines), `AnswersInvalid`;
- JSON: `example_answers`, `answers_json_schema`.

Nothing here imports Django.
"""

from __future__ import annotations

from townhall.catalog.answer_schema import answers_json_schema, example_answers
from townhall.catalog.answers import (
    CheckedAnswers,
    Message,
    check_answers,
    clean_answer,
    validate_answers,
)
from townhall.catalog.assessment import (
    AmountResult,
    AnswersInvalid,
    Assessment,
    EligibilityResult,
    assess,
    assess_values,
)
from townhall.catalog.loading import SERVICES_DIR, load_service, load_services, parse_service
from townhall.catalog.rules import ExplanationLine, RuleError
from townhall.catalog.spec import (
    ASSURANCE_LEVELS,
    OUTCOMES,
    QUESTION_TYPES,
    Amount,
    Assurance,
    Condition,
    Derived,
    DocumentRequirement,
    Eligibility,
    EligibilityRule,
    Guidance,
    Option,
    Outcome,
    Page,
    Question,
    QuestionType,
    Service,
)
from townhall.catalog.text import Text, gettext_noop
from townhall.catalog.yaml_fields import DefinitionError, DefinitionErrors

__all__ = [
    "ASSURANCE_LEVELS",
    "OUTCOMES",
    "QUESTION_TYPES",
    "SERVICES_DIR",
    "Amount",
    "AmountResult",
    "AnswersInvalid",
    "Assessment",
    "Assurance",
    "CheckedAnswers",
    "Condition",
    "DefinitionError",
    "DefinitionErrors",
    "Derived",
    "DocumentRequirement",
    "Eligibility",
    "EligibilityResult",
    "EligibilityRule",
    "ExplanationLine",
    "Guidance",
    "Message",
    "Option",
    "Outcome",
    "Page",
    "Question",
    "QuestionType",
    "RuleError",
    "Service",
    "Text",
    "answers_json_schema",
    "assess",
    "assess_values",
    "check_answers",
    "clean_answer",
    "example_answers",
    "gettext_noop",
    "load_service",
    "load_services",
    "parse_service",
    "validate_answers",
]
