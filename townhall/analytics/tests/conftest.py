"""Analytics fixtures: the shipped catalogue, and journeys recorded through the cases app."""

from __future__ import annotations

import pytest


@pytest.fixture
def catalogue(db):
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()


@pytest.fixture
def journeys(catalogue):
    """This month, for the tax return: 12 starts, 9 sent (1 by staff), 1 not eligible,
    and 3 survey answers (two satisfied): few enough answers to be withheld in public."""
    from townhall.cases.services import journey_event_record, satisfaction_record

    slug = "tax-return"
    for _ in range(11):
        journey_event_record(service_slug=slug, kind="started")
    journey_event_record(service_slug=slug, kind="started", channel="assisted")
    for _ in range(8):
        journey_event_record(service_slug=slug, kind="submitted")
    journey_event_record(service_slug=slug, kind="submitted", channel="assisted")
    journey_event_record(service_slug=slug, kind="exit", outcome="not_eligible")
    for score in (5, 4, 2):
        satisfaction_record(service_slug=slug, score=score, context="confirmation")
    return slug
