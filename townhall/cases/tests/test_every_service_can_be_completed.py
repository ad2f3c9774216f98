"""Every shipped service can be completed page by page with its example
answers (files uploaded on the way) and submitted, by a signed-in resident."""

from __future__ import annotations

import pytest

from townhall.cases.models import Application, ApplicationStatus
from townhall.cases.tests.helpers import reference_of, submit, walk_to_check
from townhall.catalog.definition import load_services

pytestmark = pytest.mark.django_db

SLUGS = sorted(load_services())


@pytest.mark.parametrize("slug", SLUGS)
def test_every_service_can_be_completed(client, catalogue, resident, signed_in, slug):
    signed_in(resident)
    check_url = walk_to_check(client, slug)
    response = submit(client, check_url)
    assert response.status_code == 302
    assert response["Location"].endswith("/confirmation/")
    application = Application.objects.get(reference=reference_of(check_url))
    assert application.status == ApplicationStatus.SUBMITTED
    assert client.get(response["Location"]).status_code == 200
