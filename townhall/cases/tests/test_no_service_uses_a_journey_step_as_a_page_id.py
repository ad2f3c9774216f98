"""A page id that names a step of the journey (check, declaration…) would be
hidden behind that step's URL."""

from __future__ import annotations

from townhall.cases.urls import RESERVED_PAGE_IDS
from townhall.catalog.definition import load_services


def test_no_service_uses_a_journey_step_as_a_page_id():
    clashes = [
        f"{slug}: {page.id}"
        for slug, service in load_services().items()
        for page in service.pages
        if page.id in RESERVED_PAGE_IDS
    ]
    assert not clashes
