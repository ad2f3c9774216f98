"""Every /staff/safety/ page is for safety operators (and administrators):
residents and caseworkers get 403, anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest

from townhall.safety.models import HazardWarning, SensorNetwork
from townhall.safety.services_incidents import incident_open, warning_publish
from townhall.safety.tests.conftest import sensor_make


@pytest.fixture
def pages(operator):
    network = SensorNetwork.objects.create(
        slug="city", name="City", owner_agency="Council", key_prefix="p1", key_hash="0" * 64
    )
    sensor_make(network, "riv-1")
    incident = incident_open(kind="flood", area="old-town", summary="Water", actor=operator)
    warning: HazardWarning = warning_publish(
        area="old-town",
        severity="watch",
        title="Floods",
        advice="Stay away",
        hours=2,
        actor=operator,
    )
    return [
        "/staff/safety/",
        "/staff/safety/live/",
        "/staff/safety/incidents/new",
        f"/staff/safety/incidents/{incident.reference}/",
        "/staff/safety/map/",
        "/staff/safety/map/city.geojson",
        "/staff/safety/map/features.json",
        "/staff/safety/sensors/",
        "/staff/safety/sensors/riv-1/",
        "/staff/safety/response-times/",
        "/staff/safety/response-times.csv",
        "/staff/safety/warnings/",
        "/staff/safety/warnings/new",
        f"/staff/safety/warnings/{warning.reference}/",
    ]


def test_operators_and_administrators_open_every_page(
    pages, operator, admin_user, signed_in, client
):
    for person in (operator, admin_user):
        client.logout()
        signed_in(person)
        for path in pages:
            assert client.get(path).status_code == 200, (person.email, path)


def test_residents_and_caseworkers_get_403(pages, resident, caseworker, signed_in, client):
    for person in (resident, caseworker):
        client.logout()
        signed_in(person)
        for path in pages:
            assert client.get(path).status_code == 403, (person.email, path)
        assert client.post(pages[3], {"action": "acknowledged"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(pages, client):
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/account/sign-in/"), path
