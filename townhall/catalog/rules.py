"""A small, safe rule engine in the style of JSON Logic.

A rule is data: a literal (``null``, ``true``, ``3``, ``"text"``, a list) or
an operation, a mapping with exactly one key, the operator, whose value is the
list of arguments (``{"<=": [{"var": "income"}, 2000]}``); a lone argument may
be written without the list. Nothing is ever passed to ``eval``: each operator
below is a plain Python function, and anything else is a `RuleError`.

Values are ``None``, booleans, whole numbers (``int``), other numbers
(``Decimal``, never ``float``: a float that slips in is converted through its
shortest repr), text, dates, lists and mappings. Money is Decimal throughout.

Operators (``[a, b?]`` means b is optional):

- ``var [path, default?]``: the value at a dotted path (``address.postcode``,
  ``members.0.name``; ``""`` is the whole current item); missing or null gives
  the default, else null. Inside ``map``/``filter``/``sum``/``count``/``some``/
  ``all`` the path is looked up in the current item first, then outside it.
- ``== !=`` equality of values of one kind (comparing text with a number is an
  error, not ``false``); ``< <= > >=`` on two values (or three: ``a < b < c``)
  of one kind (numbers, text or dates); a missing value (null) is never less
  or greater than anything, so these are ``false``.
- ``and or`` (short-circuit, return the deciding value), ``not`` / ``!``, ``!!``
  (truthiness: null, false, 0, "" and [] are false), ``if [c1, v1, c2, v2, …,
  else?]``, ``in [needle, list or text]``.
- ``+ - * / min max`` on numbers (``min``/``max`` also take one list);
  ``round [x, places?, mode?]`` with mode ``half_up`` (the default: money is
  rounded half up, as residents expect, 2.345 -> 2.35) or ``half_even``.
- ``map filter [list, rule]``, ``sum count [list, rule?]``, ``some all [list,
  rule]`` over repeated groups (a missing list counts as empty).
- ``table [name]``: a named table of the service. ``bracket [amount, table]``:
  progressive rates over rows ``{from, rate}`` (first ``from`` is 0, rates
  between 0 and 1); each band's part is rounded to the cent, half up, so the
  explanation lines add up to the total. ``lookup [key, table, default?]``:
  rows ``{key, value}`` (exact match) or ``{from, value}`` (the last row whose
  ``from`` is at most the key: a threshold table).
- ``today []``, ``date [iso text]``, ``age [date of birth, on?]`` (whole years;
  someone born on 29 February turns a year older on 1 March in other years),
  ``days_between [from, to]``.
- ``explain [template, rule]``: the rule's value; when explaining, also a line
  ``template: value`` whose ``{placeholders}`` are filled from the context.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from townhall.catalog import rule_tables as tables_
from townhall.catalog.rule_ops import (
    MAX_DEPTH,
    OPERATOR_TABLE,
    OPERATORS,
    ROUNDING,
    ExplanationLine,
    Run,
    age,
    parse_operation,
    truthy,
)
from townhall.catalog.rule_tables import RuleError
from townhall.catalog.text import FORMATS, placeholders

__all__ = [
    "OPERATORS",
    "Evaluation",
    "ExplanationLine",
    "Problem",
    "RuleError",
    "age",
    "check",
    "evaluate",
    "explain",
    "names_used",
    "round_money",
    "truthy",
]


@dataclass(frozen=True)
class Evaluation:
    value: object
    lines: tuple[ExplanationLine, ...]


@dataclass(frozen=True)
class Problem:
    """A mistake found by `check`: where in the rule, what, and its YAML line if known."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def round_money(amount: Decimal | int, places: int = 2) -> Decimal:
    """Round half up (2.345 -> 2.35), the rounding residents expect for money."""
    return Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def evaluate(
    rule: object,
    data: Mapping[str, object],
    *,
    tables: Mapping[str, object] | None = None,
    today: date | None = None,
    where: str = "rule",
) -> object:
    """The value of `rule` over `data` (answers and derived values by id)."""
    return Run(tables or {}, today, explaining=False).start(rule, data, where)


def explain(
    rule: object,
    data: Mapping[str, object],
    *,
    tables: Mapping[str, object] | None = None,
    today: date | None = None,
    where: str = "rule",
) -> Evaluation:
    """The value of `rule` and the explanation lines written while computing it."""
    run = Run(tables or {}, today, explaining=True)
    value = run.start(rule, data, where)
    return Evaluation(value, tuple(run.lines))


# Static checks ------------------------------------------------------------------

Names = Mapping[str, frozenset[str] | None]


def check(
    rule: object,
    *,
    names: Names | None = None,
    tables: Mapping[str, object] | None = None,
    where: str = "rule",
) -> list[Problem]:
    """Every mistake that can be found without answers.

    `names` maps each name a rule may read to the field ids of its items (for a
    repeated group) or ``None``; when given, reading any other name is a
    problem. `tables` are the service's named tables, checked where used.
    """
    problems: list[Problem] = []
    _check(rule, names, tables, where, problems, 0)
    return problems


def names_used(rule: object) -> frozenset[str]:
    """The names a rule reads (first part of each ``var`` path), items' fields included."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, Mapping) and len(node) == 1:
            operator, raw = next(iter(node.items()))
            args = raw if isinstance(raw, list) else [raw]
            if operator == "var" and args and isinstance(args[0], str) and args[0]:
                found.add(args[0].split(".")[0])
            if operator not in ("bracket", "lookup"):
                walk(args)
            else:
                walk([arg for arg in args if not isinstance(arg, list)])

    walk(rule)
    return frozenset(found)


def _check(
    node: object,
    names: Names | None,
    tables: Mapping[str, object] | None,
    path: str,
    problems: list[Problem],
    depth: int,
) -> None:
    line = getattr(node, "line", None)

    def problem(message: str, where: str = path) -> None:
        problems.append(Problem(where, message, line))

    if depth > MAX_DEPTH:
        problem(f"rules may nest at most {MAX_DEPTH} deep")
        return
    if isinstance(node, list):
        for i, item in enumerate(node):
            _check(item, names, tables, f"{path}/{i}", problems, depth + 1)
        return
    if not isinstance(node, Mapping):
        if not (node is None or isinstance(node, bool | int | Decimal | float | str | date)):
            problem(f"not a value a rule can hold: {type(node).__name__}")
        return
    try:
        operator, args = parse_operation(node, path)
    except RuleError as error:
        problem(error.reason)
        return
    here = f"{path}/{operator}"
    if operator in ("var", "explain", "table") and not isinstance(args[0], str):
        problem("the first argument must be written as text, not computed", here)
    elif operator == "var":
        _check_name(str(args[0]), names, here, problem)
    elif operator == "table" and tables is not None and args[0] not in tables:
        problem(f"no table named {args[0]!r}{_close(str(args[0]), tables)}", here)
    elif operator == "explain":
        for name, style in placeholders(str(args[0])):
            if name.split(".")[0] != "value":
                _check_name(name, names, here, problem)
            if style is not None and style not in FORMATS:
                problem(f"unknown format {style!r} in {{{name}:{style}}}", here)
    elif operator in ("bracket", "lookup"):
        _check_table(operator, args[1], tables, here, problem)
    elif operator == "date" and isinstance(args[0], str):
        try:
            date.fromisoformat(args[0])
        except ValueError:
            problem(f"{args[0]!r} is not a date written as YYYY-MM-DD", here)
    elif operator == "round":
        if len(args) > 1 and (isinstance(args[1], bool) or not isinstance(args[1], int)):
            problem("places must be written as a whole number", here)
        if len(args) > 2 and (not isinstance(args[2], str) or args[2] not in ROUNDING):
            problem("mode must be 'half_up' or 'half_even'", here)
    op = OPERATOR_TABLE[operator]
    inner = _item_names(args[0], names) if op.scoped else names
    for i, arg in enumerate(args):
        if operator in ("var", "explain", "table") and i == 0:
            continue
        if operator in ("bracket", "lookup") and i == 1 and isinstance(arg, list):
            continue
        scope = inner if op.scoped and i > 0 else names
        _check(arg, scope, tables, f"{here}/{i}", problems, depth + 1)


def _check_name(name: str, names: Names | None, path: str, problem: Callable[..., None]) -> None:
    first = name.split(".")[0]
    if names is not None and name != "" and first not in names:
        problem(f"unknown name {first!r}{_close(first, names)}", path)


def _check_table(
    operator: str,
    table: object,
    tables: Mapping[str, object] | None,
    path: str,
    problem: Callable[..., None],
) -> None:
    rows = table
    if isinstance(table, Mapping) and set(table) == {"table"} and isinstance(table["table"], str):
        if tables is None or table["table"] not in tables:
            return  # reported by the "table" operator's own check
        rows = tables[table["table"]]
    elif not isinstance(table, list):
        return  # computed: checked when evaluated
    try:
        if operator == "bracket":
            tables_.bracket_rows(rows, path)
        else:
            tables_.lookup_rows(rows, path)
    except RuleError as error:
        problem(error.reason, path)


def _item_names(items: object, names: Names | None) -> Names | None:
    """Names visible inside map/filter/…: the item's fields, then the outside ones."""
    if names is None:
        return None
    fields = _item_fields(items, names)
    if fields is None:
        return None  # a computed list: its items cannot be known before answers
    return {**names, **dict.fromkeys(fields)}


def _item_fields(items: object, names: Names) -> frozenset[str] | None:
    if isinstance(items, Mapping) and len(items) == 1:
        operator, raw = next(iter(items.items()))
        args = raw if isinstance(raw, list) else [raw]
        if operator == "var" and args and isinstance(args[0], str):
            return names.get(args[0])
        if operator == "filter" and args:
            return _item_fields(args[0], names)
    return None


def _close(name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
