"""Each service's example answers are complete and valid, and its rules run on them."""

from __future__ import annotations

import pytest

from townhall.catalog.definition import (
    Service,
    assess,
    check_answers,
    example_answers,
    validate_answers,
)
from townhall.catalog.loading import load_services
from townhall.catalog.tests.helpers import TODAY

SLUGS = sorted(load_services())


@pytest.mark.parametrize("slug", SLUGS)
def test_the_example_is_valid(services: dict[str, Service], slug: str) -> None:
    service = services[slug]
    example = example_answers(service, today=TODAY)

    assert validate_answers(service, example, today=TODAY) == {}
    assert set(check_answers(service, example, today=TODAY).values) == set(example)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_rules_run_on_the_example(services: dict[str, Service], slug: str) -> None:
    service = services[slug]

    result = assess(service, example_answers(service, today=TODAY), today=TODAY)

    assert (result.eligibility is not None) == (service.eligibility is not None)
    for amount in result.amounts:
        assert amount.value >= 0
        assert amount.lines[-1].amount == amount.value


def test_the_example_does_not_change_from_day_to_day(services: dict[str, Service]) -> None:
    for service in services.values():
        assert example_answers(service, today=TODAY) == example_answers(
            service, today=TODAY.replace(year=2030)
        )
