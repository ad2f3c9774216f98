"""Assistant fixtures: the shipped catalogue loaded, and a fresh index per test."""

from __future__ import annotations

import pytest


@pytest.fixture
def catalogue(db):
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()


@pytest.fixture(autouse=True)
def fresh_index():
    # The index is per process; a test's database differs from the last one's.
    from townhall.assistant.knowledge import index_forget

    index_forget()
    yield
    index_forget()
