"""The rule engine's operators: one plain function each, and the table of them.

`townhall.catalog.rules` is the public face (evaluate, explain, check); the
operators and their arities live here so that both use one table.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from itertools import pairwise
from operator import ge, gt, le, lt
from typing import Any

from townhall.catalog import rule_tables as tables_
from townhall.catalog.rule_tables import RuleError
from townhall.catalog.text import Text, english, format_money, placeholders, render

MAX_DEPTH = 64
ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


@dataclass(frozen=True)
class ExplanationLine:
    """One line of "Why this amount?": a label, the values it quotes, an amount."""

    label: Text
    params: Mapping[str, object]
    amount: Decimal | None

    @property
    def text(self) -> str:
        return self.render()

    def render(self, *, text: Callable[[Text], str] = english) -> str:
        """The label in words; `text` translates it (the Django layer passes its own)."""
        return render(self.label, self.params, text=text)

    def __str__(self) -> str:
        if self.amount is None:
            return self.text
        return f"{self.text}: {format_money(self.amount)}"


class _Missing:
    pass


MISSING = _Missing()


@dataclass(frozen=True)
class Scope:
    data: object
    parent: Scope | None = None

    def lookup(self, path: str) -> object:
        if path == "":
            return self.data
        first, *rest = path.split(".")
        scope: Scope | None = self
        while scope is not None:
            if isinstance(scope.data, Mapping) and first in scope.data:
                return _dig(scope.data[first], rest)
            scope = scope.parent
        return MISSING


def _dig(value: object, parts: Sequence[str]) -> object:
    for part in parts:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value


OpFunction = Callable[["Run", list[object], Scope, str], object]


@dataclass(frozen=True)
class Op:
    function: OpFunction
    min_args: int
    max_args: int | None
    scoped: bool = False


@dataclass
class Run:
    tables: Mapping[str, object]
    today: date | None
    explaining: bool
    lines: list[ExplanationLine] = field(default_factory=list)
    depth: int = 0

    def start(self, rule: object, data: Mapping[str, object], where: str) -> object:
        with localcontext() as context:
            context.prec = 28
            return self.eval(rule, Scope(data), where)

    def eval(self, rule: object, scope: Scope, path: str) -> object:
        if isinstance(rule, Mapping):
            operator, args = parse_operation(rule, path)
            op = OPERATOR_TABLE[operator]
            if self.depth >= MAX_DEPTH:
                raise RuleError(operator, path, f"rules may nest at most {MAX_DEPTH} deep")
            self.depth += 1
            try:
                return op.function(self, args, scope, f"{path}/{operator}")
            except ArithmeticError as error:
                raise RuleError(operator, path, f"cannot compute: {error!r}") from error
            finally:
                self.depth -= 1
        if isinstance(rule, list):
            return [self.eval(item, scope, f"{path}/{i}") for i, item in enumerate(rule)]
        return _literal(rule, path)

    def args(self, args: list[object], scope: Scope, path: str) -> list[object]:
        return [self.eval(arg, scope, f"{path}/{i}") for i, arg in enumerate(args)]

    def items(self, rule: object, scope: Scope, path: str) -> list[object]:
        items = self.eval(rule, scope, f"{path}/0")
        if items is None:
            return []
        if not isinstance(items, list):
            raise RuleError(path.rsplit("/", 1)[-1], path, f"expected a list, got {_kind(items)}")
        return items

    def table(self, rule: object, scope: Scope, path: str) -> object:
        # A table written inline is data, not rules: rows have two keys each.
        return rule if isinstance(rule, list) else self.eval(rule, scope, path)


def parse_operation(rule: Mapping[object, object], path: str) -> tuple[str, list[object]]:
    if len(rule) != 1:
        keys = ", ".join(repr(key) for key in rule)
        raise RuleError("", path, f"an operation has exactly one operator, found {keys or 'none'}")
    operator, raw = next(iter(rule.items()))
    if not isinstance(operator, str) or operator not in OPERATOR_TABLE:
        name = str(operator)
        raise RuleError(name, path, f"unknown operator {name!r}{_suggest(name)}")
    args = list(raw) if isinstance(raw, list) else [raw]
    op = OPERATOR_TABLE[operator]
    if len(args) < op.min_args or (op.max_args is not None and len(args) > op.max_args):
        raise RuleError(operator, path, f"takes {_arity(op)}, got {len(args)}")
    return operator, args


def _literal(value: object, path: str) -> object:
    if isinstance(value, float):
        return Decimal(repr(value))
    if value is None or isinstance(value, bool | int | Decimal | str | date):
        return value
    raise RuleError("", path, f"not a value a rule can hold: {type(value).__name__}")


def _arity(op: Op) -> str:
    if op.max_args == op.min_args:
        return f"{op.min_args} argument{'s' if op.min_args != 1 else ''}"
    if op.max_args is None:
        return f"at least {op.min_args} argument{'s' if op.min_args != 1 else ''}"
    return f"{op.min_args} to {op.max_args} arguments"


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, OPERATORS, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# Kinds and coercions ---------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "nothing (is an answer missing?)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal | float):
        return "a number"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a group of answers"
    return type(value).__name__


def _family(value: object) -> str:
    kind = _kind(value)
    return "text" if kind.startswith("text") else kind


def _number(value: object, operator: str, path: str) -> int | Decimal:
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise RuleError(operator, path, f"expected a number, got {_kind(value)}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise RuleError(operator, path, "expected a finite number")
    return value


def _date(value: object, operator: str, path: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RuleError(operator, path, f"expected a date, got {_kind(value)}")


def truthy(value: object) -> bool:
    """JSON Logic truthiness: null, false, 0, "" and [] are false."""
    if isinstance(value, Mapping):
        return True
    return bool(value)


def _equal(a: object, b: object, operator: str, path: str) -> bool:
    if a is None or b is None:
        return a is b
    if _family(a) != _family(b):
        raise RuleError(operator, path, f"cannot compare {_kind(a)} with {_kind(b)}")
    return a == b


# Operators --------------------------------------------------------------------


def _var(run: Run, args: list[object], scope: Scope, path: str) -> object:
    name = run.eval(args[0], scope, f"{path}/0")
    if isinstance(name, int) and not isinstance(name, bool):
        name = str(name)
    if not isinstance(name, str):
        raise RuleError("var", path, f"expected a name, got {_kind(name)}")
    value = scope.lookup(name)
    if value is MISSING or value is None:
        return run.eval(args[1], scope, f"{path}/1") if len(args) > 1 else None
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _equals(negate: bool) -> OpFunction:
    def op(run: Run, args: list[object], scope: Scope, path: str) -> object:
        a, b = run.args(args, scope, path)
        return _equal(a, b, "!=" if negate else "==", path) != negate

    return op


def _order(name: str, compare: Callable[[Any, Any], Any]) -> OpFunction:
    def op(run: Run, args: list[object], scope: Scope, path: str) -> object:
        values = run.args(args, scope, path)
        if any(value is None for value in values):
            return False
        families = {_family(value) for value in values}
        if len(families) != 1 or families.pop() not in ("a number", "text", "a date"):
            kinds = " and ".join(_kind(value) for value in values)
            raise RuleError(name, path, f"cannot order {kinds}")
        return all(compare(a, b) for a, b in pairwise(values))

    return op


def _and(run: Run, args: list[object], scope: Scope, path: str) -> object:
    value: object = True
    for i, arg in enumerate(args):
        value = run.eval(arg, scope, f"{path}/{i}")
        if not truthy(value):
            return value
    return value


def _or(run: Run, args: list[object], scope: Scope, path: str) -> object:
    value: object = False
    for i, arg in enumerate(args):
        value = run.eval(arg, scope, f"{path}/{i}")
        if truthy(value):
            return value
    return value


def _not(run: Run, args: list[object], scope: Scope, path: str) -> object:
    return not truthy(run.eval(args[0], scope, f"{path}/0"))


def _bool(run: Run, args: list[object], scope: Scope, path: str) -> object:
    return truthy(run.eval(args[0], scope, f"{path}/0"))


def _if(run: Run, args: list[object], scope: Scope, path: str) -> object:
    for i in range(0, len(args) - 1, 2):
        if truthy(run.eval(args[i], scope, f"{path}/{i}")):
            return run.eval(args[i + 1], scope, f"{path}/{i + 1}")
    if len(args) % 2:
        return run.eval(args[-1], scope, f"{path}/{len(args) - 1}")
    return None


def _in(run: Run, args: list[object], scope: Scope, path: str) -> object:
    needle, haystack = run.args(args, scope, path)
    if haystack is None:
        return False
    if isinstance(haystack, str):
        if not isinstance(needle, str):
            raise RuleError("in", path, f"cannot look for {_kind(needle)} in text")
        return needle in haystack
    if isinstance(haystack, list):
        return any(_family(item) == _family(needle) and item == needle for item in haystack)
    raise RuleError("in", path, f"expected a list or text to look in, got {_kind(haystack)}")


def _numbers(run: Run, args: list[object], scope: Scope, path: str) -> list[int | Decimal]:
    operator = path.rsplit("/", 1)[-1]
    return [
        _number(value, operator, f"{path}/{i}")
        for i, value in enumerate(run.args(args, scope, path))
    ]


def _plus(run: Run, args: list[object], scope: Scope, path: str) -> object:
    return sum(_numbers(run, args, scope, path), start=0)


def _minus(run: Run, args: list[object], scope: Scope, path: str) -> object:
    numbers = _numbers(run, args, scope, path)
    return -numbers[0] if len(numbers) == 1 else numbers[0] - numbers[1]


def _times(run: Run, args: list[object], scope: Scope, path: str) -> object:
    product: int | Decimal = 1
    for number in _numbers(run, args, scope, path):
        product *= number
    return product


def _divide(run: Run, args: list[object], scope: Scope, path: str) -> object:
    a, b = _numbers(run, args, scope, path)
    if b == 0:
        raise RuleError("/", path, "division by zero")
    return Decimal(a) / Decimal(b)


def _extreme(pick: Callable[[list[int | Decimal]], int | Decimal]) -> OpFunction:
    def op(run: Run, args: list[object], scope: Scope, path: str) -> object:
        values = run.args(args, scope, path)
        if len(values) == 1 and isinstance(values[0], list):
            values = values[0]
        operator = path.rsplit("/", 1)[-1]
        if not values:
            raise RuleError(operator, path, "needs at least one number")
        return pick([_number(value, operator, path) for value in values])

    return op


def _round(run: Run, args: list[object], scope: Scope, path: str) -> object:
    values = run.args(args, scope, path)
    number = _number(values[0], "round", path)
    places = values[1] if len(values) > 1 else 0
    mode = values[2] if len(values) > 2 else "half_up"
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise RuleError("round", path, "places must be a whole number from 0 to 10")
    if not isinstance(mode, str) or mode not in ROUNDING:
        raise RuleError("round", path, "mode must be 'half_up' or 'half_even'")
    return Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUNDING[mode])


def _each(
    reduce: Callable[[Run, list[object], list[object], Scope, str], object],
) -> OpFunction:
    def op(run: Run, args: list[object], scope: Scope, path: str) -> object:
        items = run.items(args[0], scope, path)
        if len(args) == 1:
            return reduce(run, items, items, scope, path)
        results = [
            run.eval(args[1], Scope(item, scope), f"{path}/1[{i}]") for i, item in enumerate(items)
        ]
        return reduce(run, items, results, scope, path)

    return op


def _map(run: Run, items: list[object], results: list[object], scope: Scope, path: str) -> object:
    return results


def _filter(
    run: Run, items: list[object], results: list[object], scope: Scope, path: str
) -> object:
    return [item for item, keep in zip(items, results, strict=True) if truthy(keep)]


def _sum(run: Run, items: list[object], results: list[object], scope: Scope, path: str) -> object:
    return sum((_number(value, "sum", path) for value in results), start=0)


def _count(run: Run, items: list[object], results: list[object], scope: Scope, path: str) -> object:
    return sum(1 for value in results if truthy(value))


def _some(run: Run, items: list[object], results: list[object], scope: Scope, path: str) -> object:
    return any(truthy(value) for value in results)


def _all(run: Run, items: list[object], results: list[object], scope: Scope, path: str) -> object:
    return all(truthy(value) for value in results)


def _table(run: Run, args: list[object], scope: Scope, path: str) -> object:
    name = args[0]
    if not isinstance(name, str) or name not in run.tables:
        raise RuleError("table", path, f"no table named {name!r}")
    return run.tables[name]


def _bracket(run: Run, args: list[object], scope: Scope, path: str) -> object:
    amount = _number(run.eval(args[0], scope, f"{path}/0"), "bracket", path)
    rows = tables_.bracket_rows(run.table(args[1], scope, f"{path}/1"), path)
    total, lines = tables_.bracket(Decimal(amount), rows)
    if run.explaining:
        run.lines.extend(ExplanationLine(label, params, tax) for label, params, tax in lines)
    return total


def _lookup(run: Run, args: list[object], scope: Scope, path: str) -> object:
    key = run.eval(args[0], scope, f"{path}/0")
    rows = tables_.lookup_rows(run.table(args[1], scope, f"{path}/1"), path)
    found, value = tables_.lookup(key, rows, path)
    if found:
        return value
    if len(args) > 2:
        return run.eval(args[2], scope, f"{path}/2")
    raise RuleError("lookup", path, f"no row for {_kind(key)} {key!r} and no default")


def _today(run: Run, args: list[object], scope: Scope, path: str) -> object:
    return run.today or date.today()


def _date_op(run: Run, args: list[object], scope: Scope, path: str) -> object:
    return _date(run.eval(args[0], scope, f"{path}/0"), "date", path)


def _age(run: Run, args: list[object], scope: Scope, path: str) -> object:
    values = run.args(args, scope, path)
    born = _date(values[0], "age", f"{path}/0")
    on = _date(values[1], "age", f"{path}/1") if len(values) > 1 else run.today or date.today()
    return age(born, on)


def age(born: date, on: date) -> int:
    """Whole years from `born` to `on` (negative when born after `on`)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _days_between(run: Run, args: list[object], scope: Scope, path: str) -> object:
    start, end = (_date(v, "days_between", path) for v in run.args(args, scope, path))
    return (end - start).days


def _explain(run: Run, args: list[object], scope: Scope, path: str) -> object:
    template = args[0]
    if not isinstance(template, str):
        raise RuleError("explain", path, "the first argument must be the line's text")
    value = run.eval(args[1], scope, f"{path}/1")
    if run.explaining:
        params: dict[str, object] = {"value": value}
        for name, _ in placeholders(template):
            first = name.split(".")[0]
            found = scope.lookup(first)
            if first != "value" and found is not MISSING:
                params[first] = found
        amount = (
            Decimal(value)
            if isinstance(value, int | Decimal) and not isinstance(value, bool)
            else None
        )
        run.lines.append(ExplanationLine(Text(template), params, amount))
    return value


OPERATOR_TABLE: dict[str, Op] = {
    "var": Op(_var, 1, 2),
    "==": Op(_equals(negate=False), 2, 2),
    "!=": Op(_equals(negate=True), 2, 2),
    "<": Op(_order("<", lt), 2, 3),
    "<=": Op(_order("<=", le), 2, 3),
    ">": Op(_order(">", gt), 2, 3),
    ">=": Op(_order(">=", ge), 2, 3),
    "and": Op(_and, 1, None),
    "or": Op(_or, 1, None),
    "not": Op(_not, 1, 1),
    "!": Op(_not, 1, 1),
    "!!": Op(_bool, 1, 1),
    "if": Op(_if, 2, None),
    "in": Op(_in, 2, 2),
    "+": Op(_plus, 1, None),
    "-": Op(_minus, 1, 2),
    "*": Op(_times, 1, None),
    "/": Op(_divide, 2, 2),
    "min": Op(_extreme(min), 1, None),
    "max": Op(_extreme(max), 1, None),
    "round": Op(_round, 1, 3),
    "map": Op(_each(_map), 2, 2, scoped=True),
    "filter": Op(_each(_filter), 2, 2, scoped=True),
    "sum": Op(_each(_sum), 1, 2, scoped=True),
    "count": Op(_each(_count), 1, 2, scoped=True),
    "some": Op(_each(_some), 2, 2, scoped=True),
    "all": Op(_each(_all), 2, 2, scoped=True),
    "table": Op(_table, 1, 1),
    "bracket": Op(_bracket, 2, 2),
    "lookup": Op(_lookup, 2, 3),
    "today": Op(_today, 0, 0),
    "date": Op(_date_op, 1, 1),
    "age": Op(_age, 1, 2),
    "days_between": Op(_days_between, 2, 2),
    "explain": Op(_explain, 2, 2),
}

OPERATORS: frozenset[str] = frozenset(OPERATOR_TABLE)
