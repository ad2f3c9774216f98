"""Rules that cannot be evaluated raise RuleError naming the operator and where it is."""

from __future__ import annotations

from decimal import Decimal

import pytest

from townhall.catalog.rules import RuleError, check, evaluate

DATA = {"name": "Rosa", "size": 3, "members": [{"age": 4}], "when": "not a date"}


@pytest.mark.parametrize(
    ("rule", "operator", "path", "reason"),
    [
        ({"eval": ["1+1"]}, "eval", "fee", "unknown operator 'eval'"),
        ({"mxa": [1, 2]}, "mxa", "fee", "did you mean 'max'?"),
        ({"+": [1, {"var": "name"}]}, "+", "fee/+/1", "expected a number, got text 'Rosa'"),
        ({"+": [1, {"var": "missing"}]}, "+", "fee/+/1", "got nothing (is an answer missing?)"),
        ({"-": [1, 2, 3]}, "-", "fee", "takes 1 to 2 arguments, got 3"),
        ({"/": [1, 0]}, "/", "fee/", "division by zero"),
        ({"==": [{"var": "size"}, "3"]}, "==", "fee/==", "cannot compare a number with text '3'"),
        ({"<": [{"var": "size"}, "3"]}, "<", "fee/<", "cannot order a number and text '3'"),
        ({"==": [True, 1]}, "==", "fee/==", "cannot compare true/false with a number"),
        ({"count": [{"var": "name"}]}, "count", "fee/count", "expected a list"),
        ({"max": [[]]}, "max", "fee/max", "needs at least one number"),
        ({"round": [1, 2, "up"]}, "round", "fee/round", "mode must be"),
        ({"lookup": ["cow", [{"key": "dog", "value": 1}]]}, "lookup", "fee", "no row for"),
        ({"bracket": [5, [{"from": 1, "rate": 1}]]}, "bracket", "fee", "must start 'from' 0"),
        ({"age": [{"var": "when"}, "2025-01-01"]}, "age", "fee/age/0", "expected a date"),
        ({"table": "nope"}, "table", "fee/table", "no table named 'nope'"),
        ({"+": [1], "-": [2]}, "", "fee", "exactly one operator"),
        (
            {"*": [Decimal("1e999999"), Decimal("1e999999")]},
            "*",
            "fee",
            "cannot compute",
        ),
    ],
)
def test_it_raises_a_rule_error(rule: object, operator: str, path: str, reason: str) -> None:
    with pytest.raises(RuleError) as raised:
        evaluate(rule, DATA, where="fee")

    assert raised.value.operator == operator
    assert raised.value.path.startswith(path)
    assert reason in str(raised.value)


def test_it_refuses_rules_nested_too_deep() -> None:
    rule: object = 1
    for _ in range(100):
        rule = {"+": [rule, 1]}

    with pytest.raises(RuleError, match="nest at most"):
        evaluate(rule, {})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"var": "nmae"}, "unknown name 'nmae' (did you mean 'name'?)"),
        ({"var": {"var": "name"}}, "must be written as text"),
        ({"sum": [{"var": "members"}, {"var": "agee"}]}, "unknown name 'agee'"),
        ({"lookup": [1, [{"from": 2, "value": 1}, {"from": 1, "value": 2}]]}, "must rise"),
        ({"lookup": [1, [{"key": "a", "value": 1}, {"key": "a", "value": 2}]]}, "already used"),
        ({"date": "31/12/2025"}, "is not a date written as YYYY-MM-DD"),
        ({"explain": ["{nobody}", 1]}, "unknown name 'nobody'"),
        ({"explain": ["{size:euros}", 1]}, "unknown format 'euros'"),
        ({"round": [1, "two"]}, "places must be written as a whole number"),
        ({"if": [True]}, "takes at least 2 arguments"),
    ],
)
def test_check_finds_mistakes_before_any_answer(rule: object, message: str) -> None:
    names = {"name": None, "size": None, "members": frozenset({"age"})}

    problems = check(rule, names=names, tables={})

    assert any(message in str(problem) for problem in problems), problems


def test_check_accepts_a_sound_rule() -> None:
    names = {"members": frozenset({"age"}), "size": None}
    rule = {"count": [{"filter": [{"var": "members"}, {"<": [{"var": "age"}, {"var": "size"}]}]}]}

    assert check(rule, names=names, tables={}) == []
