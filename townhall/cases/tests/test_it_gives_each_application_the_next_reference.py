"""References are the city's first three letters, the year and a number that
goes up by one, like RIV-2026-000123, and stay unique when drafts are started
at the same moment."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.utils import timezone

from townhall.cases.models import Application
from townhall.cases.services import reference_prefix
from townhall.cases.tests.helpers import draft_for


@pytest.mark.django_db
def test_references_count_up_within_the_year(catalogue, resident):
    year = timezone.localdate().year
    references = [draft_for(resident).reference for _ in range(3)]
    assert references == [f"RIV-{year}-{n:06d}" for n in (1, 2, 3)]


def test_the_prefix_comes_from_the_city_name(settings):
    settings.CITY_NAME = "São Paulo"
    assert reference_prefix() == "SAO"
    settings.CITY_NAME = "St. Albans"
    assert reference_prefix() == "STA"


@pytest.mark.django_db(transaction=True)
def test_drafts_started_at_once_get_different_references(catalogue, resident):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database cannot queue concurrent writers")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                draft_for(resident)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors
    references = sorted(Application.objects.values_list("reference", flat=True))
    numbers = [int(re.fullmatch(r"RIV-\d{4}-(\d{6})", r)[1]) for r in references]
    assert numbers == list(range(1, 21))
