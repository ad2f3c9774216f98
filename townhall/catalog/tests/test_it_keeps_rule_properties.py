"""Properties of the rule engine that hold for any input (hypothesis)."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from townhall.catalog.rules import OPERATORS, RuleError, age, check, evaluate, explain, round_money

DATA = {
    "n": 3,
    "m": Decimal("12.50"),
    "s": "text",
    "b": True,
    "d": date(2000, 1, 1),
    "items": [{"n": 1}, {"n": 2}],
    "none": None,
}
money = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.decimals(-1000, 1000, places=3, allow_nan=False),
    st.sampled_from(["n", "m", "s", "b", "d", "items", "none", "missing", "", "2025-01-01"]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)
operators = st.sampled_from(sorted(OPERATORS | {"eval", "__import__"}))
rules = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.builds(lambda op, args: {op: args}, operators, st.lists(children, max_size=4)),
        st.builds(lambda op, arg: {op: arg}, operators, children),
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(rules)
def test_any_rule_gives_a_value_or_a_rule_error(rule: object) -> None:
    with contextlib.suppress(RuleError):
        evaluate(rule, DATA, tables={"t": [{"from": 0, "rate": Decimal("0.1")}]})


@settings(max_examples=400, deadline=None)
@given(rules)
def test_checking_any_rule_lists_problems_without_raising(rule: object) -> None:
    problems = check(rule, names=dict.fromkeys(DATA), tables={})

    assert all(problem.message for problem in problems)


@given(st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False))
def test_money_rounds_half_up(amount: Decimal) -> None:
    rounded = round_money(amount)

    assert abs(rounded - amount) <= Decimal("0.005")
    if abs(amount - amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)) == Decimal("0.005"):
        assert abs(rounded) > abs(amount)  # ties go away from zero
    assert evaluate({"round": [amount, 2]}, {}) == rounded


@given(st.lists(st.decimals(-1000, 1000, places=2, allow_nan=False), min_size=1, max_size=10))
def test_sums_are_exact(amounts: list[Decimal]) -> None:
    assert evaluate({"+": amounts}, {}) == sum(amounts, Decimal(0))
    assert evaluate({"sum": [amounts]}, {}) == sum(amounts, Decimal(0))


bands = st.lists(
    st.tuples(st.integers(1, 1_000_000), st.decimals(0, 1, places=3, allow_nan=False)),
    min_size=0,
    max_size=5,
    unique_by=lambda band: band[0],
).map(
    lambda rows: (
        [{"from": 0, "rate": Decimal("0.05")}]
        + [{"from": start, "rate": rate} for start, rate in sorted(rows)]
    )
)


@given(bands, money, money)
def test_bracket_tax_adds_up_and_never_falls_as_the_amount_rises(
    table: list[dict[str, object]], a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))

    result = explain({"bracket": [low, table]}, {})
    higher = evaluate({"bracket": [high, table]}, {})

    assert isinstance(result.value, Decimal) and isinstance(higher, Decimal)
    assert Decimal(0) <= result.value <= higher
    assert sum(line.amount or 0 for line in result.lines) == result.value
    assert result.value <= low + Decimal("0.01") * len(table)


@given(
    st.lists(st.integers(0, 100), min_size=1, max_size=8, unique=True),
    st.integers(0, 120),
)
def test_a_threshold_lookup_takes_the_last_row_not_above_the_key(
    starts: list[int], key: int
) -> None:
    table = [{"from": start, "value": start * 10} for start in sorted(starts)]
    found = [start for start in sorted(starts) if start <= key]

    value = evaluate({"lookup": [key, table, -1]}, {})

    assert value == (found[-1] * 10 if found else -1)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(0, 110),
)
def test_age_goes_up_by_one_on_each_birthday(born: date, years: int) -> None:
    try:
        birthday = born.replace(year=born.year + years)
    except ValueError:  # born on 29 February: the birthday is 1 March in other years
        birthday = date(born.year + years, 3, 1)

    assert age(born, birthday) == years
    if years:
        assert age(born, birthday - timedelta(days=1)) == years - 1


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)
def test_age_is_never_negative_on_or_after_birth(born: date, on: date) -> None:
    assume(born <= on)

    assert evaluate({"age": [born, on]}, {}) == age(born, on) >= 0
