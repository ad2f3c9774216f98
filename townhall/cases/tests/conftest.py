"""Cases fixtures: the shipped catalogue loaded, and uploads kept in a temporary folder."""

from __future__ import annotations

import pytest


@pytest.fixture
def catalogue(db):
    from townhall.catalog.services import service_definitions_load

    service_definitions_load()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
