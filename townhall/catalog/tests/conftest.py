"""Catalogue fixtures: the shipped services, loaded once."""

from __future__ import annotations

import pytest

from townhall.catalog.definition import Service, load_services


@pytest.fixture(scope="session")
def services() -> dict[str, Service]:
    return load_services()


@pytest.fixture(scope="session")
def tax(services: dict[str, Service]) -> Service:
    return services["tax-return"]


@pytest.fixture(scope="session")
def permit(services: dict[str, Service]) -> Service:
    return services["building-permit"]


@pytest.fixture(scope="session")
def health(services: dict[str, Service]) -> Service:
    return services["health-coverage"]
