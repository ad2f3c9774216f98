"""Properties of the shipped money rules, for any household (hypothesis).

- the tax before credits is never negative and never falls as income rises;
- the building permit fee never falls as the floor area grows;
- a health cover outcome never gets better as income rises.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from townhall.catalog.definition import assess, load_service
from townhall.catalog.loading import SERVICES_DIR
from townhall.catalog.tests.helpers import TODAY, answers_for

# Loaded here, not in a fixture: hypothesis runs each example without fixtures.
TAX = load_service(SERVICES_DIR / "tax-return.yaml")
PERMIT = load_service(SERVICES_DIR / "building-permit.yaml")
HEALTH = load_service(SERVICES_DIR / "health-coverage.yaml")

money = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False)
children = st.lists(
    st.dates(min_value=TODAY.replace(year=1990), max_value=TODAY.replace(year=2025)),
    max_size=4,
)
households = st.fixed_dictionaries(
    {
        "tax_year": st.sampled_from(["2024", "2025"]),
        "filing_status": st.sampled_from(["single", "joint", "head_of_household"]),
        "self_employment_income": money,
        "pension_income": money,
        "other_income": money,
        "pension_contributions": money,
        "charitable_gifts": money,
        "childcare_costs": money,
        "tax_withheld": money,
    }
)


def tax_answers(household: dict[str, Any], born: list[Any], employment: Decimal) -> dict[str, Any]:
    dependants = [
        {"dependant_name": "A child", "dependant_date_of_birth": day.isoformat()}
        | {"dependant_relationship": "child"}
        for day in born
    ]
    values = {key: str(value) for key, value in household.items()}
    return answers_for(
        TAX,
        **values,
        has_dependants=bool(born),
        dependants=dependants,
        employment_income=str(employment),
    )


def tax_before_credits(answers: dict[str, Any]) -> Decimal:
    value = assess(TAX, answers, today=TODAY).derived["tax_before_credits"]
    assert isinstance(value, Decimal)
    return value


@settings(max_examples=150, deadline=None)
@given(households, children, money, money)
def test_tax_before_credits_is_never_negative_and_rises_with_income(
    household: dict[str, Any], born: list[Any], a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))

    tax_low = tax_before_credits(tax_answers(household, born, low))
    tax_high = tax_before_credits(tax_answers(household, born, high))

    assert Decimal(0) <= tax_low <= tax_high


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["extension", "new_build", "alteration", "demolition", "change_of_use"]),
    st.booleans(),
    st.decimals(min_value=1, max_value=100_000, places=1, allow_nan=False),
    st.decimals(min_value=1, max_value=100_000, places=1, allow_nan=False),
)
def test_the_permit_fee_rises_with_the_floor_area(
    kind: str, heritage: bool, a: Decimal, b: Decimal
) -> None:
    def fee(area: Decimal) -> Decimal:
        extra: dict[str, Any] = {}
        if kind == "demolition":
            survey = {"name": "s.pdf", "content_type": "application/pdf", "size": 1}
            extra = {"demolition_method": "by_hand", "asbestos_survey": [survey]}
        answers = answers_for(
            PERMIT, project_type=kind, in_heritage_area=heritage, floor_area=str(area), **extra
        )
        return assess(PERMIT, answers, today=TODAY).amounts[0].value

    low, high = sorted((a, b))

    assert Decimal(250) <= fee(low) <= fee(high)


RANK = {"eligible": 0, "likely_eligible": 1, "not_eligible": 2}


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=12),
    st.decimals(min_value=0, max_value=20_000, places=2, allow_nan=False),
    st.decimals(min_value=0, max_value=20_000, places=2, allow_nan=False),
)
def test_health_cover_never_gets_better_as_income_rises(
    others: int, a: Decimal, b: Decimal
) -> None:
    def outcome(income: Decimal) -> int:
        members = [
            {
                "member_name": "Someone",
                "member_date_of_birth": "1990-01-01",
                "member_relationship": "other",
            }
        ] * others
        answers = answers_for(
            HEALTH, lives_with_others=others > 0, members=members, monthly_income=str(income)
        )
        result = assess(HEALTH, answers, today=TODAY).eligibility
        assert result is not None
        return RANK[result.outcome]

    low, high = sorted((a, b))

    assert outcome(low) <= outcome(high)
