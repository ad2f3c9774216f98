"""The local income tax, household by household, checked by hand.

The rules (all in services/tax-return.yaml):

- personal allowance: single 12,000; joint 24,000; head of household 18,000;
- bands on taxable income: 1% to 10,000; 3% to 40,000; 4.5% to 100,000; 6% above;
  each band's tax rounded to the cent, half up;
- childcare: up to 3,000 for each dependant aged 0 to 12 on 31 December;
- pension payments: up to 15% of total income; charity gifts: all of them;
- credits: 100 per dependant (born by 31 December); low-income credit
  250 - 5% of income over 20,000 (never below 0); credits stop at 0 tax;
- tax to pay = tax after credits - tax already taken (negative: a refund).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from townhall.catalog.definition import Service, assess
from townhall.catalog.tests.helpers import TODAY, answers_for


def household(
    tax: Service,
    *,
    status: str = "single",
    year: str = "2025",
    dependants: tuple[str, ...] = (),
    employment: str = "0",
    self_employment: str = "0",
    pension: str = "0",
    other: str = "0",
    withheld: str = "0",
    childcare: str = "0",
    contributions: str = "0",
    charity: str = "0",
    **changes: Any,
) -> dict[str, Any]:
    return answers_for(
        tax,
        tax_year=year,
        filing_status=status,
        has_dependants=bool(dependants),
        dependants=[
            {
                "dependant_name": f"Child {i}",
                "dependant_date_of_birth": born,
                "dependant_relationship": "child",
            }
            for i, born in enumerate(dependants)
        ],
        employment_income=employment,
        self_employment_income=self_employment,
        pension_income=pension,
        other_income=other,
        tax_withheld=withheld,
        childcare_costs=childcare,
        pension_contributions=contributions,
        charitable_gifts=charity,
        **changes,
    )


CASES = [
    pytest.param(
        # Income 30,000 - allowance 12,000 = taxable 18,000.
        # 1% x 10,000 = 100.00; 3% x 8,000 = 240.00; tax 340.00.
        # Low-income credit: 250 - 5% x 10,000 < 0, so 0. 340.00 - 400 withheld = -60.
        {"employment": "30000", "withheld": "400"},
        {"taxable_income": "18000", "tax_before_credits": "340.00", "tax_after_credits": "340.00"},
        ("refund", "60.00"),
        id="single-30k-small-refund",
    ),
    pytest.param(
        # Taxable 18,000 - 12,000 = 6,000; tax 1% = 60.00.
        # Income is under 20,000: low-income credit 250, which takes the tax to 0, not below.
        {"employment": "18000"},
        {"taxable_income": "6000", "tax_before_credits": "60.00", "low_income_credit": "250.00"},
        ("tax_to_pay", "0.00"),
        id="single-low-income-credit-stops-at-zero",
    ),
    pytest.param(
        # Income 50,000 + 20,000 = 70,000. One child under 13 (born 2015), one of 15:
        # childcare cap 3,000, so 3,000 of the 5,000. Pension cap 15% x 70,000 = 10,500.
        # Taken off: 3,000 + 10,500 + 1,000 charity + 24,000 allowance = 38,500.
        # Taxable 31,500: 100.00 + 3% x 21,500 = 645.00; tax 745.00.
        # Credit 2 x 100 = 200: tax 545.00. 545.00 - 2,000 withheld = -1,455.00.
        {
            "status": "joint",
            "dependants": ("2015-05-01", "2010-01-15"),
            "employment": "50000",
            "self_employment": "20000",
            "childcare": "5000",
            "contributions": "12000",
            "charity": "1000",
            "withheld": "2000",
        },
        {
            "childcare_deduction": "3000.00",
            "pension_deduction": "10500.00",
            "taxable_income": "31500.00",
            "tax_before_credits": "745.00",
            "dependant_credit": "200.00",
            "tax_after_credits": "545.00",
        },
        ("refund", "1455.00"),
        id="joint-two-children-capped-deductions",
    ),
    pytest.param(
        # Income 120,000 + 10,000 + 2,000 = 132,000. Ages on 31 Dec 2025: 5, 12 (counts:
        # 12 is under 13) and 13 (does not): childcare cap 2 x 3,000 = 6,000.
        # Pension cap 15% x 132,000 = 19,800 of the 25,000 paid.
        # Taken off: 6,000 + 19,800 + 500 + 18,000 = 44,300. Taxable 87,700.
        # 100.00 + 900.00 + 4.5% x 47,700 = 2,146.50; tax 3,146.50.
        # Credit 3 x 100 = 300: 2,846.50. 2,846.50 - 5,000 = -2,153.50.
        {
            "status": "head_of_household",
            "dependants": ("2020-03-03", "2013-12-31", "2012-12-31"),
            "employment": "120000",
            "pension": "10000",
            "other": "2000",
            "childcare": "10000",
            "contributions": "25000",
            "charity": "500",
            "withheld": "5000",
        },
        {
            "children_under_13": 2,
            "childcare_deduction": "6000.00",
            "pension_deduction": "19800.00",
            "taxable_income": "87700.00",
            "tax_before_credits": "3146.50",
            "tax_after_credits": "2846.50",
        },
        ("refund", "2153.50"),
        id="head-of-household-twelve-counts-thirteen-does-not",
    ),
    pytest.param(
        # Taxable 250,000 - 12,000 = 238,000.
        # 100 + 900 + 4.5% x 60,000 = 2,700 + 6% x 138,000 = 8,280; tax 11,980.00.
        # 11,980.00 - 10,000 withheld = 1,980.00 to pay.
        {"employment": "250000", "withheld": "10000"},
        {"taxable_income": "238000", "tax_before_credits": "11980.00"},
        ("tax_to_pay", "1980.00"),
        id="single-top-band",
    ),
    pytest.param(
        # Taxable 22,345.67 - 12,000 = 10,345.67: 100.00 + 3% x 345.67 = 10.3701 -> 10.37.
        # Low-income credit 250 - 5% x 2,345.67 = 132.7165 -> 132.72, more than the tax.
        {"employment": "22345.67", "withheld": "50"},
        {"tax_before_credits": "110.37", "low_income_credit": "132.72"},
        ("refund", "50.00"),
        id="single-credit-phasing-out-rounds-half-up",
    ),
    pytest.param(
        # An amended 2024 return. Pension cap 15% x 40,000 = 6,000 of the 7,000 paid.
        # Taxable 40,000 - 6,000 - 24,000 = 10,000: exactly the first band, 100.00.
        # 100.00 - 300 withheld = -200.00.
        {
            "status": "joint",
            "year": "2024",
            "employment": "40000",
            "contributions": "7000",
            "withheld": "300",
            "is_amendment": True,
            "amends": "RTX-2024-000123",
        },
        {"pension_deduction": "6000.00", "taxable_income": "10000.00"},
        ("refund", "200.00"),
        id="joint-amended-return-on-a-band-edge",
    ),
    pytest.param(
        # A 2024 return: the dependant was born in February 2025, after the year's end,
        # so there is no credit and no childcare. Taxable 35,000 - 18,000 = 17,000:
        # 100.00 + 3% x 7,000 = 210.00; tax 310.00, all of it already withheld.
        {
            "status": "head_of_household",
            "year": "2024",
            "dependants": ("2025-02-01",),
            "employment": "35000",
            "childcare": "2000",
            "withheld": "310",
        },
        {"dependant_count": 0, "childcare_deduction": "0.00", "tax_before_credits": "310.00"},
        ("tax_to_pay", "0.00"),
        id="dependant-born-after-the-year-does-not-count",
    ),
]


@pytest.mark.parametrize(("household_changes", "derived", "amount"), CASES)
def test_it_computes_the_tax(
    tax: Service,
    household_changes: dict[str, Any],
    derived: dict[str, str | int],
    amount: tuple[str, str],
) -> None:
    result = assess(tax, household(tax, **household_changes), today=TODAY)

    for name, expected in derived.items():
        assert result.derived[name] == Decimal(expected), name
    amount_id, value = amount
    assert [a.id for a in result.amounts] == [amount_id]
    assert result.amounts[0].value == Decimal(value)


def test_it_explains_every_step_of_a_return(tax: Service) -> None:
    answers = household(tax, **CASES[2].values[0])

    lines = [str(line) for line in assess(tax, answers, today=TODAY).amounts[0].lines]

    assert lines == [
        "Total income: 70,000.00",
        "Childcare (you can take off up to 3,000.00): 3,000.00",
        "Pension payments (up to 15% of your income: 10,500.00): 10,500.00",
        "Gifts to charity: 1,000.00",
        "Personal allowance: 24,000.00",
        "Taxable income: 31,500.00",
        "1% on the 10,000.00 between 0.00 and 10,000.00: 100.00",
        "3% on the 21,500.00 between 10,000.00 and 40,000.00: 645.00",
        "Tax before credits: 745.00",
        "Credit for people who depend on you (2): 200.00",
        "Tax after credits: 545.00",
        "Tax already taken from your pay or pension: 2,000.00",
        "Your refund: 1,455.00",
    ]


def test_the_band_lines_add_up_to_the_tax(tax: Service) -> None:
    answers = household(tax, employment="250000")

    result = assess(tax, answers, today=TODAY)

    bands = [line for line in result.amounts[0].lines if " on the " in line.text]
    assert [line.text.split(" on ")[0] for line in bands] == ["1%", "3%", "4.5%", "6%"]
    assert sum(line.amount or 0 for line in bands) == result.derived["tax_before_credits"]
