"""Schemathesis generates requests from the OpenAPI schema and sends them to
the real application: none may end in a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import PASSWORD, totp_now
from townhall.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(params=["resident", "caseworker"])
def token(request, client, resident):
    """A resident's token, and a caseworker's (on every service's team, with a
    case in the queue) so that the back-office API is explored too."""
    from django.core.cache import cache

    from townhall.catalog.services import service_definitions_load

    # Two sign-ins per endpoint: the sign-in throttle counts them in the cache.
    cache.clear()
    service_definitions_load()
    body = {"email": resident.email, "password": PASSWORD}
    if request.param == "caseworker":
        from townhall.cases import demo
        from townhall.cases.services import application_submit
        from townhall.cases.tests.helpers import draft_for

        staff = request.getfixturevalue("caseworker")
        demo.load()
        application_submit(application=draft_for(resident), idempotency_key="fuzz")
        body = {"email": staff.email, "password": PASSWORD, "otp": totp_now(staff)}
    response = client.post("/api/v1/auth/token", body)
    assert response.status_code == 200, response.content
    # As Django's test client does: requests inside a test must not close the
    # test's database connection, or the test transaction is lost.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield response.json()["token"]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_generated_request_gets_a_5xx(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])
