"""Load service definitions from YAML and check them.

A definition that loads is internally consistent: ids are unique, every rule
uses known operators, names and tables, conditions only read answers given
before them, every file question asks for a listed document, texts given with
translations have all of the service's languages, and each question's
`example` is a valid answer. Anything else is a `DefinitionErrors` listing
every mistake as ``file:line: where: reason``; `load_services` reports the
mistakes of every file in the folder at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from townhall.catalog.answers import clean_answer
from townhall.catalog.questions import QuestionReader
from townhall.catalog.rules import check, names_used
from townhall.catalog.spec import (
    ASSURANCE_LEVELS,
    DERIVED_TYPES,
    FILE_TYPES,
    OUTCOMES,
    Amount,
    Condition,
    Derived,
    DocumentRequirement,
    Eligibility,
    EligibilityRule,
    FileType,
    Guidance,
    Page,
    Question,
    Service,
)
from townhall.catalog.text import FORMATS, Text, placeholders
from townhall.catalog.workflow import (
    DEFAULT_WORKFLOW,
    FOUR_EYES_CHOICES,
    Workflow,
    workflow_problems,
)
from townhall.catalog.yaml_fields import (
    DEFAULT_LANGUAGES,
    DefinitionError,
    DefinitionErrors,
    Fields,
    Report,
)
from townhall.catalog.yaml_lines import LineDict, YAMLLineError, load, plain

SERVICES_DIR = Path(__file__).resolve().parent / "services"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID = r"[a-z][a-z0-9_]*"

TOP_KEYS = (
    "slug",
    "version",
    "title",
    "summary",
    "topic",
    "assurance",
    "sla_days",
    "currency",
    "languages",
    "guidance",
    "what_happens_next",
    "tables",
    "documents",
    "pages",
    "derived",
    "eligibility",
    "amounts",
    "workflow",
)
GUIDANCE_KEYS = ("intro", "who_can_apply", "what_you_need", "how_long_it_takes", "cost")


def load_service(path: str | Path) -> Service:
    """One definition file, checked; its name must be ``<slug>.yaml``."""
    path = Path(path)
    return parse_service(path.read_text(encoding="utf-8"), path=str(path), slug=path.stem)


def load_services(directory: str | Path = SERVICES_DIR) -> dict[str, Service]:
    """Every ``*.yaml`` definition in a folder, by slug; the mistakes of all files at once."""
    services: dict[str, Service] = {}
    errors: list[DefinitionError] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            service = load_service(path)
        except DefinitionErrors as error:
            errors.extend(error.errors)
            continue
        services[service.slug] = service
    if errors:
        raise DefinitionErrors(errors)
    return services


def parse_service(text: str, *, path: str = "<string>", slug: str | None = None) -> Service:
    """A definition from YAML text; `slug`, when given, is the one it must have."""
    report = Report(path)
    try:
        data = load(text)
    except YAMLLineError as error:
        raise DefinitionErrors([DefinitionError(path, error.line, error.reason)]) from error
    service = _service(report, data, slug)
    if report.errors or service is None:
        raise DefinitionErrors(sorted(report.errors, key=lambda error: error.line))
    return replace(service, source=text)


def _service(report: Report, data: object, slug: str | None) -> Service | None:
    top = Fields(report, data, "", 1, TOP_KEYS)
    report.languages = _languages(top)
    found_slug = top.string("slug", pattern=SLUG, like="parking-permit")
    if slug is not None and found_slug is not None and found_slug != slug:
        top.error("slug", f"the file is named {slug}.yaml but the slug is {found_slug!r}")
    version = top.integer("version", minimum=1, maximum=10_000)
    title = top.text("title")
    summary = top.text("summary")
    topic = top.string("topic", pattern=SLUG, like="housing-and-building")
    assurance = top.choice("assurance", ASSURANCE_LEVELS)
    sla_days = top.integer("sla_days", minimum=1, maximum=365)
    currency = top.string("currency", required=False, pattern="[A-Z]{3}", like="USD") or "USD"
    guidance = _guidance(top)
    what_happens_next = top.text("what_happens_next", required=False)
    tables = _tables(top)
    documents = _documents(top)
    questions = QuestionReader(report, tables, {d.id for d in documents}, _all_ids(data))
    pages = _pages(top, questions)
    derived, everything = _derived(top, questions)
    eligibility = _eligibility(top, questions, everything)
    amounts = _amounts(top, questions, everything)
    _check_documents_are_asked(top, documents, pages)
    workflow = _workflow(top)
    if report.errors:
        return None
    assert found_slug and version and title and summary and topic and assurance and sla_days
    assert guidance is not None
    service = Service(
        slug=found_slug,
        version=version,
        title=title,
        summary=summary,
        topic=topic,
        guidance=guidance,
        assurance=assurance,  # type: ignore[arg-type]
        sla_days=sla_days,
        pages=pages,
        currency=currency,
        languages=report.languages,
        derived=derived,
        eligibility=eligibility,
        amounts=amounts,
        documents=documents,
        tables=tables,
        what_happens_next=what_happens_next,
        workflow=workflow,
        source=report.path,
    )
    _check_examples(report, service)
    return None if report.errors else service


def _languages(top: Fields) -> tuple[str, ...]:
    for item, where, line in top.items("languages", required=False):
        if not isinstance(item, str) or len(item) not in (2, 3) or not item.isalpha():
            top.report.error(line, where, "a language is a code like 'es'")
    listed = top.get("languages")
    found = tuple(str(code) for code in listed) if isinstance(listed, list) else ()
    if found and "en" not in found:
        top.error("languages", "English ('en') is the source language and must be listed")
    return found or DEFAULT_LANGUAGES


def _guidance(top: Fields) -> Guidance | None:
    fields = top.fields("guidance", GUIDANCE_KEYS)
    if fields is None:
        return None
    texts = {key: fields.text(key, required=key != "intro") for key in GUIDANCE_KEYS}
    if any(texts[key] is None for key in GUIDANCE_KEYS[1:]):
        return None
    return Guidance(**texts)  # type: ignore[arg-type]


def _tables(top: Fields) -> dict[str, object]:
    names = top.get("tables")
    # A table's name is any id, so every key of the mapping is allowed.
    fields = top.fields("tables", list(names) if isinstance(names, dict) else [], required=False)
    if fields is None:
        return {}
    tables: dict[str, object] = {}
    for name, rows in fields.data.items():
        if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
            fields.error(name, "a table is a list of rows, each with keys and values")
        elif not _is_id(name):
            fields.error(name, f"{name!r} is not a valid name (lower case, digits, _)")
        else:
            tables[name] = plain(rows)
    return tables


def _workflow(top: Fields) -> Workflow:
    fields = top.fields("workflow", ("four_eyes", "transitions"), required=False)
    if fields is None:
        return DEFAULT_WORKFLOW
    four_eyes = fields.choice("four_eyes", FOUR_EYES_CHOICES, default="none") or "none"
    if not fields.has("transitions"):
        return Workflow(four_eyes=four_eyes)
    table = fields.get("transitions")
    if not isinstance(table, dict):
        fields.error("transitions", "expected each state with the list of states it may move to")
        return DEFAULT_WORKFLOW
    transitions: dict[str, frozenset[str]] = {}
    for state, targets in table.items():
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            fields.error("transitions", f"{state}: expected a list of states")
            return DEFAULT_WORKFLOW
        transitions[str(state)] = frozenset(targets)
    for problem in workflow_problems(transitions):
        fields.error("transitions", problem)
    return Workflow(transitions=MappingProxyType(transitions), four_eyes=four_eyes)


def _documents(top: Fields) -> tuple[DocumentRequirement, ...]:
    documents: list[DocumentRequirement] = []
    seen: set[str] = set()
    allowed = ("id", "title", "hint", "accept", "max_size_mb")
    for item, where, line in top.items("documents", required=False):
        fields = Fields(top.report, item, where, line, allowed)
        document_id = fields.string("id", pattern=ID, like="site_plan")
        if document_id in seen:
            fields.error("id", f"another document already has the id {document_id!r}")
        title = fields.text("title")
        accept: list[FileType] = []
        for kind, kind_where, kind_line in fields.items("accept"):
            if kind not in FILE_TYPES:
                reason = f"{kind!r} is not one of {', '.join(FILE_TYPES)}"
                top.report.error(kind_line, kind_where, reason)
            else:
                accept.append(kind)
        size = fields.integer("max_size_mb", minimum=1, maximum=50)
        if document_id and title and accept and size:
            seen.add(document_id)
            hint = fields.text("hint", required=False)
            documents.append(DocumentRequirement(document_id, title, tuple(accept), size, hint))
    return tuple(documents)


def _pages(top: Fields, questions: QuestionReader) -> tuple[Page, ...]:
    pages: list[Page] = []
    seen: dict[str, int] = {}
    allowed = ("id", "title", "description", "show_if", "questions")
    for item, where, line in top.items("pages"):
        fields = Fields(top.report, item, where, line, allowed)
        page_id = fields.string("id", pattern=ID, like="about_you")
        if page_id in seen:
            fields.error(
                "id", f"another page already has the id {page_id!r} (line {seen[page_id]})"
            )
        show_if = questions.condition(fields, "show_if", questions.names)
        title = fields.text("title")
        description = fields.text("description", required=False)
        asked: list[Question] = []
        for inner, inner_where, inner_line in fields.items("questions"):
            question = questions.read(inner, inner_where, inner_line)
            if question is not None:
                asked.append(question)
        if page_id and title:
            seen[page_id] = fields.line()
            pages.append(Page(page_id, title, tuple(asked), description, show_if, fields.line()))
    return tuple(pages)


def _derived(
    top: Fields, questions: QuestionReader
) -> tuple[tuple[Derived, ...], dict[str, frozenset[str] | None]]:
    """The derived values, and every name a later rule may read."""
    derived: list[Derived] = []
    allowed = ("id", "label", "rule", "type", "hide_if_zero")
    names = dict(questions.names)
    for item, where, line in top.items("derived", required=False):
        fields = Fields(top.report, item, where, line, allowed)
        derived_id = questions.new_id(fields)
        label = fields.text("label", required=False)
        kind = fields.choice("type", DERIVED_TYPES, default="") or None
        rule = _rule(fields, "rule", names, questions.tables)
        hide = fields.boolean("hide_if_zero", False)
        _check_placeholders(fields, "label", label, {**names, "value": None})
        if derived_id is not None:
            # Known even when its rule is wrong, so later rules report no knock-on mistakes.
            names[derived_id] = None
        if derived_id is not None and rule is not None:
            used = names_used(rule)
            derived.append(Derived(derived_id, rule, used, label, kind, hide, fields.line()))  # type: ignore[arg-type]
    return tuple(derived), names


def _eligibility(
    top: Fields, questions: QuestionReader, names: Mapping[str, frozenset[str] | None]
) -> Eligibility | None:
    fields = top.fields("eligibility", ("rules", "otherwise"), required=False)
    if fields is None:
        return None
    allowed = ("outcome", "when", "reason", "next_steps")
    rules: list[EligibilityRule] = []
    for item, where, line in fields.items("rules"):
        rule = _outcome(Fields(top.report, item, where, line, allowed), questions, names, True)
        if rule is not None:
            rules.append(rule)
    otherwise_fields = fields.fields("otherwise", ("outcome", "reason", "next_steps"))
    if otherwise_fields is None:
        return None
    otherwise = _outcome(otherwise_fields, questions, names, False)
    return Eligibility(tuple(rules), otherwise) if otherwise is not None else None


def _outcome(
    fields: Fields,
    questions: QuestionReader,
    names: Mapping[str, frozenset[str] | None],
    conditional: bool,
) -> EligibilityRule | None:
    outcome = fields.choice("outcome", OUTCOMES)
    when = None
    if conditional:
        rule = _rule(fields, "when", names, questions.tables)
        when = Condition(rule, names_used(rule)) if rule is not None else None
    reason = fields.text("reason")
    next_steps = fields.text("next_steps", required=False)
    _check_placeholders(fields, "reason", reason, names)
    _check_placeholders(fields, "next_steps", next_steps, names)
    if outcome is None or reason is None or (conditional and when is None):
        return None
    return EligibilityRule(outcome, reason, when, next_steps)  # type: ignore[arg-type]


def _amounts(
    top: Fields, questions: QuestionReader, names: Mapping[str, frozenset[str] | None]
) -> tuple[Amount, ...]:
    amounts: list[Amount] = []
    allowed = ("id", "label", "rule", "when", "hint")
    for item, where, line in top.items("amounts", required=False):
        fields = Fields(top.report, item, where, line, allowed)
        amount_id = questions.new_id(fields)
        label = fields.text("label")
        rule = _rule(fields, "rule", names, questions.tables)
        when = None
        if fields.has("when"):
            when_rule = _rule(fields, "when", names, questions.tables)
            when = Condition(when_rule, names_used(when_rule)) if when_rule is not None else None
        hint = fields.text("hint", required=False)
        _check_placeholders(fields, "label", label, {**names, "value": None})
        if amount_id and label and rule is not None:
            used = names_used(rule)
            amounts.append(Amount(amount_id, label, rule, used, when, hint, fields.line()))
    return tuple(amounts)


def _rule(
    fields: Fields,
    key: str,
    names: Mapping[str, frozenset[str] | None],
    tables: Mapping[str, object],
) -> object | None:
    """A rule checked against the names it may read; ``None`` if it is wrong."""
    if fields.missing(key, True):
        return None
    rule = fields.get(key)
    problems = check(rule, names=names, tables=tables, where=fields.at(key))
    for problem in problems:
        fields.report.error(problem.line or fields.line(key), problem.path, problem.message)
    return None if problems else plain(rule)


def _check_placeholders(
    fields: Fields, key: str, text: Text | None, names: Mapping[str, object]
) -> None:
    """Each ``{name}`` or ``{name:format}`` in a text must be a known value and format."""
    for words in (text.en, *(words for _, words in text.translations)) if text else ():
        for name, style in placeholders(words):
            if name.split(".")[0] not in names:
                fields.error(key, f"{{{name}}} is not a value this text can quote")
            if style is not None and style not in FORMATS:
                fields.error(
                    key, f"{{{name}:{style}}}: the formats are {', '.join(sorted(FORMATS))}"
                )


def _check_documents_are_asked(
    top: Fields, documents: tuple[DocumentRequirement, ...], pages: tuple[Page, ...]
) -> None:
    asked: dict[str, str] = {}
    for page in pages:
        for question in page.questions:
            if question.document is None:
                continue
            if question.document in asked:
                reason = f"is also asked for by {asked[question.document]!r}"
                top.report.error(question.line, f"document {question.document!r}", reason)
            asked[question.document] = question.id
    for document in documents:
        if document.id not in asked:
            top.error("documents", f"no file question asks for the document {document.id!r}")


def _check_examples(report: Report, service: Service) -> None:
    for page in service.pages:
        for question in page.questions:
            for asked in (question, *question.questions):
                if asked.example is None:
                    continue
                _, problems = clean_answer(asked, asked.example, service=service)
                for key, message in problems.items():
                    reason = f"the example is not a valid answer: {message}"
                    report.error(asked.line, f"question {asked.id!r} ({key})", reason)


def _all_ids(data: object) -> frozenset[str]:
    """Ids of every question and derived value, to tell "asked later" from "unknown"."""
    found: set[str] = set()
    if not isinstance(data, LineDict):
        return frozenset()
    pages = data.get("pages")
    for page in pages if isinstance(pages, list) else []:
        questions = page.get("questions") if isinstance(page, dict) else None
        for question in questions if isinstance(questions, list) else []:
            if isinstance(question, dict) and isinstance(question.get("id"), str):
                found.add(question["id"])
    derived = data.get("derived")
    for item in derived if isinstance(derived, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found.add(item["id"])
    return frozenset(found)


def _is_id(name: str) -> bool:
    return re.fullmatch(ID, name) is not None
