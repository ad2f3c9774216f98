"""Tables for the rule engine: progressive brackets and lookups.

Kept apart from the operators so that the service loader can check a table's
shape once, when it loads the file, with the same code that reads it later.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from townhall.catalog.text import CENT, Text, gettext_noop

BAND = Text(
    gettext_noop("{rate:percent} on the {portion:money} between {lower:money} and {upper:money}")
)
TOP_BAND = Text(gettext_noop("{rate:percent} on the {portion:money} over {lower:money}"))


class RuleError(ValueError):
    """A rule cannot be evaluated: which operator, where in the rule, and why."""

    def __init__(self, operator: str, path: str, reason: str) -> None:
        self.operator = operator
        self.path = path
        self.reason = reason
        where = f"{path}: {operator!r}" if operator else path
        super().__init__(f"{where}: {reason}")


BracketRow = tuple[Decimal, Decimal]
BandLine = tuple[Text, dict[str, object], Decimal]


def bracket_rows(table: object, path: str) -> list[BracketRow]:
    """``[{from, rate}, …]`` as ``(from, rate)`` pairs, or a RuleError saying what is wrong."""
    rows = _rows(table, {"from", "rate"}, "bracket", path)
    pairs: list[BracketRow] = []
    for i, row in enumerate(rows):
        lower = _decimal(row["from"], f"row {i + 1}: 'from'", "bracket", path)
        rate = _decimal(row["rate"], f"row {i + 1}: 'rate'", "bracket", path)
        if not 0 <= rate <= 1:
            raise RuleError("bracket", path, f"row {i + 1}: a rate is a fraction from 0 to 1")
        if i == 0 and lower != 0:
            raise RuleError("bracket", path, "the first row must start 'from' 0")
        if pairs and lower <= pairs[-1][0]:
            raise RuleError("bracket", path, f"row {i + 1}: 'from' must rise from row to row")
        pairs.append((lower, rate))
    return pairs


def bracket(amount: Decimal, rows: list[BracketRow]) -> tuple[Decimal, list[BandLine]]:
    """Tax on `amount` band by band; each band's tax is rounded to the cent, half up."""
    total = Decimal(0)
    lines: list[BandLine] = []
    for i, (lower, rate) in enumerate(rows):
        if amount <= lower:
            break
        upper = rows[i + 1][0] if i + 1 < len(rows) else None
        portion = (amount if upper is None else min(amount, upper)) - lower
        tax = (portion * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        total += tax
        params: dict[str, object] = {"rate": rate, "portion": portion, "lower": lower}
        if upper is not None:
            params["upper"] = upper
        lines.append((TOP_BAND if upper is None else BAND, params, tax))
    return total, lines


LookupRows = tuple[str, list[tuple[object, object]]]


def lookup_rows(table: object, path: str) -> LookupRows:
    """``[{key, value}, …]`` (exact) or ``[{from, value}, …]`` (threshold) rows."""
    if not isinstance(table, list) or not table:
        raise RuleError("lookup", path, "a lookup table is a non-empty list of rows")
    first = table[0]
    mode = "from" if isinstance(first, Mapping) and "from" in first else "key"
    rows = _rows(table, {mode, "value"}, "lookup", path)
    pairs: list[tuple[object, object]] = []
    for i, row in enumerate(rows):
        key = row[mode]
        if mode == "from":
            key = _decimal(key, f"row {i + 1}: 'from'", "lookup", path)
            if pairs and key <= pairs[-1][0]:  # type: ignore[operator]
                raise RuleError("lookup", path, f"row {i + 1}: 'from' must rise from row to row")
        elif isinstance(key, bool) or not isinstance(key, str | int):
            raise RuleError("lookup", path, f"row {i + 1}: a key is text or a whole number")
        elif any(key == seen for seen, _ in pairs):
            raise RuleError("lookup", path, f"row {i + 1}: the key {key!r} is already used")
        pairs.append((key, row["value"]))
    return mode, pairs


def lookup(key: object, rows: LookupRows, path: str) -> tuple[bool, object]:
    mode, pairs = rows
    if mode == "key":
        for row_key, value in pairs:
            if _same_kind(row_key, key) and row_key == key:
                return True, value
        return False, None
    if isinstance(key, bool) or not isinstance(key, int | Decimal):
        raise RuleError("lookup", path, "a threshold table needs a number to look up")
    found: tuple[bool, object] = (False, None)
    for lower, value in pairs:
        if lower <= key:  # type: ignore[operator]
            found = (True, value)
    return found


def _same_kind(a: object, b: object) -> bool:
    def kind(value: object) -> str:
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return "number"
        return type(value).__name__

    return kind(a) == kind(b)


def _rows(table: object, keys: set[str], operator: str, path: str) -> list[Mapping[str, object]]:
    if not isinstance(table, list) or not table:
        raise RuleError(operator, path, f"a {operator} table is a non-empty list of rows")
    wanted = ", ".join(sorted(keys))
    for i, row in enumerate(table):
        if not isinstance(row, Mapping) or set(row) != keys:
            raise RuleError(operator, path, f"row {i + 1}: each row has exactly {wanted}")
    return table


def _decimal(value: object, what: str, operator: str, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise RuleError(operator, path, f"{what} must be a number")
    number = Decimal(value)
    if not number.is_finite():
        raise RuleError(operator, path, f"{what} must be a finite number")
    return number
