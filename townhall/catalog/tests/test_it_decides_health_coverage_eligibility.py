"""Health cover outcomes by household size and monthly income, limits included.

Monthly limits: 1 person 1,450; 2: 1,960; 3: 2,470; 4: 2,980; 5: 3,490; 6: 4,000;
7: 4,510; 8: 5,020; each person over 8 adds 510. Up to the limit: eligible.
Up to 115% of it (rounded to the cent): likely eligible, pending document checks.
Above that: not eligible.
"""

from __future__ import annotations

from typing import Any

import pytest

from townhall.catalog.definition import Service, assess
from townhall.catalog.tests.helpers import TODAY, answers_for


def household(health: Service, size: int, income: str) -> dict[str, Any]:
    members = [
        {
            "member_name": f"Person {i}",
            "member_date_of_birth": "2001-01-01",
            "member_relationship": "other_relative",
        }
        for i in range(size - 1)
    ]
    return answers_for(health, lives_with_others=size > 1, members=members, monthly_income=income)


@pytest.mark.parametrize(
    ("size", "income", "outcome"),
    [
        ("1", "0", "eligible"),
        # Exactly the limit for 1 person is within it.
        ("1", "1450.00", "eligible"),
        # One cent over the limit.
        ("1", "1450.01", "likely_eligible"),
        # 115% of 1,450 = 1,667.50: still "likely".
        ("1", "1667.50", "likely_eligible"),
        ("1", "1667.51", "not_eligible"),
        ("3", "2470.00", "eligible"),
        # 115% of 2,470 = 2,840.50.
        ("3", "2840.50", "likely_eligible"),
        ("3", "2840.51", "not_eligible"),
        # 8 people: 5,020; 115% = 5,773.00.
        ("8", "6000.00", "not_eligible"),
        # 10 people: 5,020 + 2 x 510 = 6,040; 115% = 6,946.00.
        ("10", "6040.00", "eligible"),
        ("10", "6946.00", "likely_eligible"),
        ("10", "6946.01", "not_eligible"),
    ],
)
def test_it_decides_the_outcome(health: Service, size: str, income: str, outcome: str) -> None:
    result = assess(health, household(health, int(size), income), today=TODAY)

    assert result.eligibility is not None
    assert result.eligibility.outcome == outcome


def test_it_gives_the_reason_with_the_numbers(health: Service) -> None:
    result = assess(health, household(health, 3, "3000"), today=TODAY)

    assert result.eligibility is not None
    assert result.eligibility.reason_text == (
        "Your household's income of 3,000.00 a month is over the limit of 2,470.00 for 3 people."
    )
    assert "apply again" in result.eligibility.next_steps_text


def test_each_outcome_has_next_steps(health: Service) -> None:
    for income in ("100", "1500", "9000"):
        result = assess(health, household(health, 1, income), today=TODAY)
        assert result.eligibility is not None
        assert result.eligibility.next_steps_text.strip()
