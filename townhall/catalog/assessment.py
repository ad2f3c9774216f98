"""What a service's rules say about a complete, valid set of answers.

`assess` computes the derived values in the order the definition lists them,
then the eligibility outcome and every amount that applies, each amount with
its "Why this amount?" lines: the labelled derived values it depends on (in
definition order), the lines its own rule writes (tax bands, ``explain``), and
a last line with the amount itself. Amounts are rounded to the cent, half up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from townhall.catalog.answers import Message, check_answers
from townhall.catalog.rules import (
    ExplanationLine,
    RuleError,
    evaluate,
    explain,
    round_money,
    truthy,
)
from townhall.catalog.spec import Amount, Derived, Outcome, Service
from townhall.catalog.text import Text, placeholders, render


class AnswersInvalid(ValueError):
    """The answers have errors; `errors` maps each field to its message."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {message}" for key, message in self.errors.items()))


@dataclass(frozen=True)
class EligibilityResult:
    """The outcome; `reason` and `next_steps` are templates filled from `params`."""

    outcome: Outcome
    reason: Text
    next_steps: Text | None
    params: Mapping[str, object]

    @property
    def reason_text(self) -> str:
        return render(self.reason, self.params)

    @property
    def next_steps_text(self) -> str:
        return "" if self.next_steps is None else render(self.next_steps, self.params)


@dataclass(frozen=True)
class AmountResult:
    id: str
    label: Text
    value: Decimal
    lines: tuple[ExplanationLine, ...]


@dataclass(frozen=True)
class Assessment:
    """Typed answers and derived values by id, the outcome, and the amounts that apply."""

    values: Mapping[str, object]
    derived: Mapping[str, object]
    eligibility: EligibilityResult | None
    amounts: tuple[AmountResult, ...]

    def amount(self, amount_id: str) -> AmountResult | None:
        return next((amount for amount in self.amounts if amount.id == amount_id), None)


def assess(
    service: Service, answers: Mapping[str, object], *, today: date | None = None
) -> Assessment:
    """Check the answers, then apply the rules; `AnswersInvalid` if any answer is wrong."""
    checked = check_answers(service, answers, today=today)
    if checked.errors:
        raise AnswersInvalid(checked.errors)
    return assess_values(service, checked.values, today=today)


def assess_values(
    service: Service, values: Mapping[str, object], *, today: date | None = None
) -> Assessment:
    """Apply the rules to answers already cleaned by `check_answers`."""
    data: dict[str, object] = dict(values)
    lines: dict[str, tuple[ExplanationLine, ...]] = {}
    derived: dict[str, object] = {}
    for item in service.derived:
        where = f"{service.slug}: derived {item.id!r}"
        result = explain(item.rule, data, tables=service.tables, today=today, where=where)
        value = _typed(item, result.value, where)
        data[item.id] = derived[item.id] = value
        lines[item.id] = result.lines + _own_line(item, value, data)
    eligibility = None
    if service.eligibility is not None:
        eligibility = _outcome(service, data, today)
    amounts = tuple(
        _amount(service, amount, data, lines, today)
        for amount in service.amounts
        if amount.when is None
        or truthy(evaluate(amount.when.rule, data, tables=service.tables, today=today))
    )
    return Assessment(values, derived, eligibility, amounts)


def _typed(item: Derived, value: object, where: str) -> object:
    if item.type in ("money", "number"):
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise RuleError("", where, f"a {item.type} value must be a number, got {value!r}")
        return round_money(value) if item.type == "money" else value
    wanted = {"boolean": bool, "date": date, "text": str, "list": list}.get(item.type or "")
    if wanted is not None and not isinstance(value, wanted):
        raise RuleError("", where, f"a {item.type} value was expected, got {value!r}")
    return value


def _own_line(
    item: Derived, value: object, data: Mapping[str, object]
) -> tuple[ExplanationLine, ...]:
    if item.label is None:
        return ()
    number = isinstance(value, int | Decimal) and not isinstance(value, bool)
    if number and item.hide_if_zero and value == 0:
        return ()
    amount = Decimal(value) if number else None  # type: ignore[arg-type]
    return (ExplanationLine(item.label, params_for(data, value, item.label), amount),)


def params_for(data: Mapping[str, object], value: object, *texts: Text | None) -> dict[str, object]:
    """The values a label's placeholders quote: ``{value}`` and names from `data`."""
    params: dict[str, object] = {"value": value}
    for text in texts:
        for words in (text.en, *(t for _, t in text.translations)) if text else ():
            for name, _ in placeholders(words):
                first = name.split(".")[0]
                if first != "value" and first in data:
                    params[first] = data[first]
    return params


def _outcome(service: Service, data: Mapping[str, object], today: date | None) -> EligibilityResult:
    assert service.eligibility is not None
    for rule in (*service.eligibility.rules, service.eligibility.otherwise):
        if rule.when is None or truthy(
            evaluate(rule.when.rule, data, tables=service.tables, today=today, where="eligibility")
        ):
            params = params_for(data, None, rule.reason, rule.next_steps)
            return EligibilityResult(rule.outcome, rule.reason, rule.next_steps, params)
    raise AssertionError("unreachable: 'otherwise' has no condition")


def _amount(
    service: Service,
    amount: Amount,
    data: Mapping[str, object],
    lines: Mapping[str, tuple[ExplanationLine, ...]],
    today: date | None,
) -> AmountResult:
    where = f"{service.slug}: amount {amount.id!r}"
    result = explain(amount.rule, data, tables=service.tables, today=today, where=where)
    if isinstance(result.value, bool) or not isinstance(result.value, int | Decimal):
        raise RuleError("", where, f"an amount must be a number, got {result.value!r}")
    value = round_money(result.value)
    steps: list[ExplanationLine] = []
    for item in _dependencies(service, amount.names):
        steps.extend(lines[item.id])
    steps.extend(result.lines)
    steps.append(ExplanationLine(amount.label, params_for(data, value, amount.label), value))
    return AmountResult(amount.id, amount.label, value, tuple(steps))


def _dependencies(service: Service, names: frozenset[str]) -> list[Derived]:
    """The derived values an amount reads, directly or not, in definition order."""
    by_id = {item.id: item for item in service.derived}
    needed: set[str] = set()
    waiting = [name for name in names if name in by_id]
    while waiting:
        name = waiting.pop()
        if name not in needed:
            needed.add(name)
            waiting.extend(inner for inner in by_id[name].names if inner in by_id)
    return [item for item in service.derived if item.id in needed]
