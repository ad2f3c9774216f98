"""Catalogue benchmark: the tax return's rules against the same tax written in Python.

    .venv/bin/python bench/catalog_rules_bench.py [--households 2000] [--seed 7]

Generates random households, then times, in the same run:

- the baseline: the local income tax of services/tax-return.yaml hand-written
  as a plain Python function (Decimal arithmetic, no rule engine);
- `assess_values`: the same tax through the rule engine, with every
  explanation line ("Why this amount?");
- `check_answers` + `assess_values`: what one submission costs end to end.

It prints households per second and the engine's ratio to the baseline, and
exits 1 if any household's amount differs from the baseline's (no speed target
is set for the catalogue: this keeps the engine's cost visible).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from townhall.catalog.definition import (  # noqa: E402
    SERVICES_DIR,
    assess_values,
    check_answers,
    example_answers,
    load_service,
)

TODAY = date(2026, 1, 15)
CENT = Decimal("0.01")
ALLOWANCE = {"single": 12000, "joint": 24000, "head_of_household": 18000}
BANDS = [(0, Decimal("0.01")), (10000, Decimal("0.03")), (40000, Decimal("0.045"))]
BANDS += [(100000, Decimal("0.06"))]


def baseline(answers: dict[str, Any]) -> Decimal:
    """The tax return's balance (negative: a refund), written out by hand."""
    year_end = date(int(answers["tax_year"]), 12, 31)
    ages = [_age(d["dependant_date_of_birth"], year_end) for d in answers.get("dependants", [])]
    money = {key: Decimal(str(answers.get(key, "0"))) for key in _MONEY}
    gross = sum(
        (money[k] for k in ("employment_income", "self_employment_income", "pension_income")),
        money["other_income"],
    )
    childcare = min(money["childcare_costs"], 3000 * sum(1 for a in ages if 0 <= a <= 12))
    pension = min(
        money["pension_contributions"], (gross * Decimal("0.15")).quantize(CENT, ROUND_HALF_UP)
    )
    taken_off = (
        childcare + pension + money["charitable_gifts"] + ALLOWANCE[answers["filing_status"]]
    )
    taxable = max(Decimal(0), gross - taken_off)
    tax = Decimal(0)
    for i, (lower, rate) in enumerate(BANDS):
        upper = BANDS[i + 1][0] if i + 1 < len(BANDS) else None
        if taxable <= lower:
            break
        part = (taxable if upper is None else min(taxable, upper)) - lower
        tax += (part * rate).quantize(CENT, ROUND_HALF_UP)
    low_income = 250 - Decimal("0.05") * max(Decimal(0), gross - 20000)
    credits = 100 * sum(1 for a in ages if a >= 0) + max(
        Decimal(0), low_income.quantize(CENT, ROUND_HALF_UP)
    )
    return max(Decimal(0), tax - credits) - money["tax_withheld"]


_MONEY = (
    "employment_income",
    "self_employment_income",
    "pension_income",
    "other_income",
    "tax_withheld",
    "childcare_costs",
    "pension_contributions",
    "charitable_gifts",
)


def _age(born: str, on: date) -> int:
    day = date.fromisoformat(born)
    return on.year - day.year - ((on.month, on.day) < (day.month, day.day))


def households(count: int, seed: int, base: dict[str, Any]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        children = [
            {
                "dependant_name": "Child",
                "dependant_date_of_birth": date(
                    rng.randint(2005, 2024), rng.randint(1, 12), 1
                ).isoformat(),
                "dependant_relationship": "child",
            }
            for _ in range(rng.choice([0, 0, 1, 2, 3]))
        ]
        answers = dict(base)
        answers.update(
            {
                key: f"{rng.uniform(0, 60000 if key == 'employment_income' else 8000):.2f}"
                for key in _MONEY
            },
            tax_year=rng.choice(["2024", "2025"]),
            filing_status=rng.choice(list(ALLOWANCE)),
            has_dependants=bool(children),
            dependants=children,
        )
        made.append(answers)
    return made


def rate(label: str, count: int, work: Callable[[], object], repeat: int = 3) -> float:
    """Households per second: the best of `repeat` runs, each after a full collection."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    per_second = count / best
    print(f"{label:<46} {per_second:>12,.0f} households/s")
    return per_second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()

    tax = load_service(SERVICES_DIR / "tax-return.yaml")
    answers = households(options.households, options.seed, example_answers(tax, today=TODAY))
    cleaned = [check_answers(tax, a, today=TODAY).values for a in answers]

    expected = [baseline(a) for a in answers]
    got = [assess_values(tax, values, today=TODAY).derived["balance"] for values in cleaned]
    wrong = sum(1 for a, b in zip(expected, got, strict=True) if a != b)

    base = rate(
        "baseline (hand-written Python)", len(answers), lambda: [baseline(a) for a in answers]
    )
    engine = rate(
        "rule engine, with explanations",
        len(cleaned),
        lambda: [assess_values(tax, v, today=TODAY) for v in cleaned],
    )
    rate(
        "check_answers + rule engine",
        len(answers),
        lambda: [
            assess_values(tax, check_answers(tax, a, today=TODAY).values, today=TODAY)
            for a in answers
        ],
    )
    print(f"{'engine / baseline':<46} {engine / base:>12.1%}")
    print(f"{'households computed differently':<46} {wrong:>12}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
