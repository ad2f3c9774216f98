"""Every operator of the rule engine, table-driven: rule, data, expected value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from townhall.catalog.rules import OPERATORS, evaluate, explain

D = Decimal
DATA = {
    "income": D("1250.50"),
    "size": 3,
    "name": "Rosa",
    "yes": True,
    "no": False,
    "nothing": None,
    "address": {"postcode": "RV1 2AB"},
    "members": [
        {"age": 40, "income": D("1000.00"), "role": "parent"},
        {"age": 12, "income": D("0"), "role": "child"},
        {"age": 7, "income": D("0"), "role": "child"},
    ],
    "born": date(2000, 2, 29),
    "on": date(2025, 12, 31),
}
BANDS = [
    {"from": 0, "rate": D("0")},
    {"from": 100, "rate": D("0.1")},
    {"from": 200, "rate": D("0.2")},
]
SIZES = [{"from": 1, "value": 10}, {"from": 3, "value": 30}, {"from": 5, "value": 50}]
KINDS = [{"key": "dog", "value": 30}, {"key": "cat", "value": 15}]

CASES = [
    # var: dotted paths, list indexes, defaults, the whole item
    ({"var": "income"}, D("1250.50")),
    ({"var": "address.postcode"}, "RV1 2AB"),
    ({"var": "members.1.age"}, 12),
    ({"var": "missing"}, None),
    ({"var": ["missing", 5]}, 5),
    ({"var": ["nothing", "default"]}, "default"),
    ({"var": "address.missing"}, None),
    # comparisons
    ({"==": [{"var": "size"}, 3]}, True),
    ({"==": [{"var": "size"}, D("3.0")]}, True),
    ({"!=": [{"var": "name"}, "Ana"]}, True),
    ({"==": [{"var": "nothing"}, None]}, True),
    ({"==": [{"var": "name"}, None]}, False),
    ({"<": [1, 2]}, True),
    ({"<": [1, 2, 3]}, True),
    ({"<": [1, 3, 3]}, False),
    ({"<=": [1, 3, 3]}, True),
    ({">": [{"var": "income"}, 1250]}, True),
    ({">=": ["b", "a"]}, True),
    ({"<": [{"var": "born"}, {"var": "on"}]}, True),
    ({"<": [{"var": "nothing"}, 5]}, False),
    ({">": [{"var": "nothing"}, 5]}, False),
    # logic
    ({"and": [True, {"var": "size"}]}, 3),
    ({"and": [True, 0, "never"]}, 0),
    ({"or": [False, None, "first"]}, "first"),
    ({"or": [False, 0]}, 0),
    ({"not": [{"var": "no"}]}, True),
    ({"!": {"var": "yes"}}, False),
    ({"!!": [[]]}, False),
    ({"!!": ["0"]}, True),
    ({"!!": [D("0.00")]}, False),
    ({"if": [{"var": "yes"}, "a", "b"]}, "a"),
    ({"if": [False, "a", {"var": "no"}, "b", "c"]}, "c"),
    ({"if": [False, "a"]}, None),
    ({"in": ["Ro", {"var": "name"}]}, True),
    ({"in": [3, [1, 2, 3]]}, True),
    ({"in": ["3", ["1", "2"]]}, False),
    ({"in": ["x", {"var": "nothing"}]}, False),
    # arithmetic, exact in Decimal
    ({"+": [D("0.1"), D("0.2")]}, D("0.3")),
    ({"+": [1, 2, 3]}, 6),
    ({"-": [10, D("0.01")]}, D("9.99")),
    ({"-": [5]}, -5),
    ({"*": [{"var": "income"}, 2]}, D("2501.00")),
    ({"/": [1, 4]}, D("0.25")),
    ({"min": [3, 1, 2]}, 1),
    ({"max": [[3, 1, 2]]}, 3),
    ({"max": [0, {"-": [100, 250]}]}, 0),
    # rounding: half up for money by default, banker's on request
    ({"round": [D("2.345"), 2]}, D("2.35")),
    ({"round": [D("2.345"), 2, "half_even"]}, D("2.34")),
    ({"round": [D("2.5")]}, D("3")),
    ({"round": [D("2.5"), 0, "half_even"]}, D("2")),
    ({"round": [D("-2.345"), 2]}, D("-2.35")),
    # repeated groups
    ({"count": [{"var": "members"}]}, 3),
    ({"count": [{"var": "members"}, {"<": [{"var": "age"}, 13]}]}, 2),
    ({"count": [{"var": "missing"}]}, 0),
    ({"sum": [{"var": "members"}, {"var": "income"}]}, D("1000.00")),
    ({"sum": [[1, 2, 3]]}, 6),
    ({"map": [{"var": "members"}, {"var": "age"}]}, [40, 12, 7]),
    (
        {
            "map": [
                {"filter": [{"var": "members"}, {"==": [{"var": "role"}, "child"]}]},
                {"var": "age"},
            ]
        },
        [12, 7],
    ),
    # inside an item, names that are not the item's come from outside it
    ({"count": [{"var": "members"}, {"<": [{"var": "age"}, {"var": "size"}]}]}, 0),
    ({"filter": [[1, 2, 3, 4], {">": [{"var": ""}, 2]}]}, [3, 4]),
    ({"some": [{"var": "members"}, {">": [{"var": "age"}, 30]}]}, True),
    ({"all": [{"var": "members"}, {">": [{"var": "age"}, 30]}]}, False),
    ({"all": [[], False]}, True),
    # tables
    ({"bracket": [250, BANDS]}, D("20.00")),
    ({"bracket": [50, BANDS]}, D("0.00")),
    ({"bracket": [-50, BANDS]}, D("0")),
    ({"lookup": [{"var": "size"}, SIZES]}, 30),
    ({"lookup": [4, SIZES]}, 30),
    ({"lookup": [99, SIZES]}, 50),
    ({"lookup": [0, SIZES, "none"]}, "none"),
    ({"lookup": ["cat", KINDS]}, 15),
    ({"lookup": ["cow", KINDS, 0]}, 0),
    # dates
    ({"date": "2025-12-31"}, date(2025, 12, 31)),
    ({"age": [{"var": "born"}, {"var": "on"}]}, 25),
    ({"age": [{"var": "born"}, "2021-02-28"]}, 20),
    ({"age": [{"var": "born"}, "2021-03-01"]}, 21),
    ({"days_between": ["2025-01-01", "2025-03-01"]}, 59),
    ({"today": []}, date(2026, 1, 15)),
    ({"age": [{"var": "born"}]}, 25),
    # literals
    ("text", "text"),
    ([1, {"var": "size"}], [1, 3]),
    (1.5, D("1.5")),
    ({"explain": ["Size {size}", {"var": "size"}]}, 3),
    ({"table": "sizes"}, SIZES),
]


@pytest.mark.parametrize(("rule", "expected"), CASES)
def test_it_evaluates(rule: object, expected: object) -> None:
    value = evaluate(rule, DATA, tables={"sizes": SIZES}, today=date(2026, 1, 15))

    assert value == expected
    assert type(value) is type(expected) or isinstance(value, Decimal | int)


def test_every_operator_has_a_case() -> None:
    used = {next(iter(rule)) for rule, _ in CASES if isinstance(rule, dict)}

    assert used == OPERATORS


def test_it_writes_a_line_for_each_band_and_each_explain() -> None:
    rule = {"explain": ["Tax on {value:money}", {"bracket": [{"var": "income"}, BANDS]}]}

    result = explain(rule, {"income": D("250")})

    assert result.value == D("20.00")
    assert [str(line) for line in result.lines] == [
        "0% on the 100.00 between 0.00 and 100.00: 0.00",
        "10% on the 100.00 between 100.00 and 200.00: 10.00",
        "20% on the 50.00 over 200.00: 10.00",
        "Tax on 20.00: 20.00",
    ]


def test_it_writes_no_lines_when_only_evaluating() -> None:
    rule = {"explain": ["Never shown", {"bracket": [300, BANDS]}]}

    assert evaluate(rule, {}) == D("30.00")
    assert explain({"+": [1, 2]}, {}).lines == ()
