"""A signed-in resident applies for a parking permit page by page, checks the
fee with its explanation, submits, and finds the application in their list."""

from __future__ import annotations

import pytest

from townhall.cases.models import Application, ApplicationStatus
from townhall.cases.tests.helpers import reference_of, submit, walk_to_check

pytestmark = pytest.mark.django_db


def test_a_resident_completes_a_parking_permit(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "parking-permit")

    check = client.get(check_url).content.decode()
    assert "Check your answers before sending your application" in check
    assert "RV21 ABC" in check
    assert "Why this amount?" in check
    # A 12-month permit (100) at half price for an electric vehicle.
    assert "Permit for 12 months: $100.00" in check
    assert "Electric vehicle discount (half price): -$50.00" in check
    assert "$50.00" in check

    response = submit(client, check_url)
    reference = reference_of(check_url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/apply/{reference}/confirmation/")

    application = Application.objects.get(reference=reference)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.applicant == resident
    assert application.due_date is not None
    assert application.documents.count() == 2

    confirmation = client.get(response["Location"]).content.decode()
    assert reference in confirmation
    assert "How satisfied were you with this service?" in confirmation

    listing = client.get("/applications/").content.decode()
    assert reference in listing
    assert "Apply for a resident parking permit" in listing
