"""Assisted digital: a caseworker fills in an application with a resident who
phoned; it is the resident's application, sent through the assisted channel,
with their agreement noted. No other member of staff can touch the draft."""

from __future__ import annotations

import pytest

from townhall.accounts.models import User
from townhall.cases.models import Application, JourneyEvent
from townhall.cases.tests.helpers import answers_for, page_data, service
from townhall.privacy.models import AccessEntry

pytestmark = pytest.mark.django_db

SLUG = "pet-license"


def start(client, **changes):
    data = {
        "service": SLUG,
        "email": "new.person@example.org",
        "full_name": "Nora New",
        "channel": "phone",
        "consent": "on",
        **changes,
    }
    return client.post("/staff/cases/assist/", data)


def test_a_caseworker_applies_with_a_resident_who_phoned(teams, caseworker, staff_client):
    client = staff_client(caseworker)
    response = start(client)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.channel == "assisted"
    assert application.assisted_by == caseworker
    assert application.consent_note == "On the phone"
    assert application.applicant == User.objects.get(email="new.person@example.org")

    base = f"/services/{SLUG}/apply/{application.reference}"
    answers = answers_for(SLUG)
    for page in service(SLUG).pages:
        response = client.post(f"{base}/{page.id}/", page_data(service(SLUG), page.id, answers))
        assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get(f"{base}/check/").status_code == 200
    response = client.post(f"{base}/declaration/", {"idempotency_key": "assisted-1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert JourneyEvent.objects.filter(kind="submitted", channel="assisted").count() == 1
    assert AccessEntry.objects.get(subject=application.applicant).purpose == "assisted"


def test_it_asks_for_the_residents_agreement_first(teams, caseworker, staff_client):
    response = start(staff_client(caseworker), consent="")
    assert response.status_code == 400
    assert "Ask the resident for their agreement" in response.content.decode()
    assert not Application.objects.exists()
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_new_resident_needs_a_name(teams, caseworker, staff_client):
    response = start(staff_client(caseworker), full_name="")
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_it_will_not_apply_in_a_staff_members_name(teams, caseworker, manager, staff_client):
    response = start(staff_client(caseworker), email=manager.email)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_another_member_of_staff_cannot_open_the_draft(teams, caseworker, manager, staff_client):
    start(staff_client(caseworker))
    application = Application.objects.get()
    other = staff_client(manager)
    assert other.get(f"/services/{SLUG}/apply/{application.reference}/").status_code == 404


def test_residents_cannot_apply_for_others(teams, resident, signed_in):
    assert start(signed_in(resident)).status_code == 403
