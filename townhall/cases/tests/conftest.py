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


@pytest.fixture
def teams(catalogue, caseworker, manager):
    """The demo teams: the caseworker and the manager handle every service."""
    from townhall.cases import demo

    demo.load()


@pytest.fixture
def submitted(teams, resident):
    """A tax return the resident has sent."""
    from townhall.cases.services import application_submit
    from townhall.cases.tests.helpers import draft_for

    return application_submit(application=draft_for(resident), idempotency_key="sent-once")


@pytest.fixture
def staff_client():
    """A separate browser for each member of staff, signed in with their second factor."""
    from django.test import Client

    from conftest import PASSWORD, totp_now

    def make(user):
        client = Client()
        response = client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content
        response = client.post("/account/sign-in/code/", {"code": totp_now(user)})
        assert response.status_code == 302, response.content
        return client

    return make
