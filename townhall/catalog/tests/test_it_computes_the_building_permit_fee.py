"""The building permit fee, checked by hand.

Fee = base fee + floor area x rate (by type of project), topped up to the
minimum of 250, then 15% more in a heritage area (rounded to the cent, half up).
Rates: extension 150 + 8/m2; new build 400 + 12/m2; alteration 100 + 5/m2;
demolition 250 + 2/m2; change of use 300 + 4/m2.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from townhall.catalog.definition import Service, assess
from townhall.catalog.tests.helpers import TODAY, answers_for

DEMOLITION = {
    "demolition_method": "by_machine",
    "asbestos_survey": [{"name": "survey.pdf", "content_type": "application/pdf", "size": 1000}],
}


def project(permit: Service, kind: str, area: str, heritage: bool) -> dict[str, Any]:
    extra = DEMOLITION if kind == "demolition" else {}
    return answers_for(
        permit, project_type=kind, floor_area=area, in_heritage_area=heritage, **extra
    )


@pytest.mark.parametrize(
    ("kind", "area", "heritage", "fee"),
    [
        # 150 + 24.5 x 8 = 150 + 196.00 = 346.00
        ("extension", "24.5", False, "346.00"),
        # 346.00 + 15% = 346.00 + 51.90 = 397.90
        ("extension", "24.5", True, "397.90"),
        # 100 + 10 x 5 = 150.00, under the minimum: topped up by 100.00 to 250.00
        ("alteration", "10", False, "250.00"),
        # 250.00 (after the top-up) + 15% = 250.00 + 37.50 = 287.50
        ("alteration", "10", True, "287.50"),
        # 400 + 180.5 x 12 = 400 + 2,166.00 = 2,566.00; + 15% = 384.90; 2,950.90
        ("new_build", "180.5", True, "2950.90"),
        # 250 + 333.3 x 2 = 250 + 666.60 = 916.60
        ("demolition", "333.3", False, "916.60"),
        # 300 + 1 x 4 = 304.00; + 15% = 45.60; 349.60
        ("change_of_use", "1", True, "349.60"),
        # 150 + 12.3 x 8 = 248.40, topped up by 1.60 to 250.00; + 37.50; 287.50
        ("extension", "12.3", True, "287.50"),
        # 100 + 40.3 x 5 = 301.50; 15% = 45.225, rounded half up to 45.23
        # (banker's rounding would give 45.22); 346.73
        ("alteration", "40.3", True, "346.73"),
    ],
)
def test_it_computes_the_fee(
    permit: Service, kind: str, area: str, heritage: bool, fee: str
) -> None:
    result = assess(permit, project(permit, kind, area, heritage), today=TODAY)

    assert result.amount("permit_fee") is not None
    assert result.amounts[0].value == Decimal(fee)


def test_it_explains_a_fee_with_a_top_up_and_a_surcharge(permit: Service) -> None:
    result = assess(permit, project(permit, "extension", "12.3", True), today=TODAY)

    assert [str(line) for line in result.amounts[0].lines] == [
        "Base fee for this kind of project: 150.00",
        "12.3 m² at 8.00 a square metre: 98.40",
        "Fee for the work: 248.40",
        "Top-up to the minimum fee of 250.00: 1.60",
        "Heritage area surcharge (15%): 37.50",
        "Permit fee: 287.50",
    ]


def test_it_leaves_out_lines_that_do_not_apply(permit: Service) -> None:
    result = assess(permit, project(permit, "new_build", "100", False), today=TODAY)

    assert [line.text for line in result.amounts[0].lines] == [
        "Base fee for this kind of project",
        "100 m² at 12.00 a square metre",
        "Fee for the work",
        "Permit fee",
    ]
