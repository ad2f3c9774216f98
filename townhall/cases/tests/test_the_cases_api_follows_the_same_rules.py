"""The back-office API: a staff token lists the caller's queues, reads a case
(logged like a page view) and moves it with the same rules as the pages; an
illegal move is a 409 listing the allowed ones."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from conftest import PASSWORD, make_user, totp_now
from townhall.cases.models import Application
from townhall.privacy.models import AccessEntry

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    body = {"email": user.email, "password": PASSWORD}
    if user.is_staff_member:
        body["otp"] = totp_now(user)
    response = client.post("/api/v1/auth/token", body, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_the_queue_lists_the_callers_cases(submitted, caseworker):
    client = token_client(caseworker)
    body = client.get("/api/v1/cases/?service=tax-return&status=submitted").json()
    assert [case["reference"] for case in body["results"]] == [submitted.reference]
    assert client.get("/api/v1/cases/?status=in_review").json()["results"] == []
    assert client.get("/api/v1/cases/?status=nonsense").status_code == 400


def test_reading_a_case_is_logged(submitted, caseworker, resident):
    body = token_client(caseworker).get(f"/api/v1/cases/{submitted.reference}/").json()
    assert body["status"] == "submitted"
    assert body["allowed_transitions"] == ["in_review", "info_requested"]
    assert body["four_eyes"] == "refusals"
    assert AccessEntry.objects.filter(subject=resident, staff=caseworker).count() == 1


def test_a_transition_follows_the_workflow(submitted, caseworker, manager):
    client = token_client(caseworker)
    url = f"/api/v1/cases/{submitted.reference}/transition"
    refused = client.post(url, {"to": "approved"}, format="json")
    assert refused.status_code == 409
    assert refused.json()["allowed"] == ["in_review", "info_requested"]
    assert client.post(url, {"to": "in_review"}, format="json").status_code == 200
    missing = client.post(url, {"to": "refused"}, format="json")
    assert missing.status_code == 400
    waiting = client.post(url, {"to": "refused", "reason": "Not resident"}, format="json")
    assert waiting.status_code == 202
    assert waiting.json()["awaiting_confirmation"] == "refused"
    assert Application.objects.get(pk=submitted.pk).status == "in_review"


def test_residents_and_outsiders_cannot_use_it(submitted, resident, teams):
    assert token_client(resident).get("/api/v1/cases/").status_code == 403
    outsider = make_user("outsider@example.org", roles=("caseworker",))
    client = token_client(outsider)
    assert client.get("/api/v1/cases/").json()["results"] == []
    assert client.get(f"/api/v1/cases/{submitted.reference}/").status_code == 404
    url = f"/api/v1/cases/{submitted.reference}/transition"
    assert client.post(url, {"to": "in_review"}, format="json").status_code == 404


def test_the_resident_sees_the_decision_in_the_applications_api(submitted, caseworker, resident):
    from townhall.cases import services_casework as work

    work.case_claim(application=submitted, user=caseworker)
    work.case_transition(application=submitted, to="approved", actor=caseworker)
    body = token_client(resident).get(f"/api/v1/applications/{submitted.reference}/").json()
    assert body["status"] == "approved"
    assert body["decision"]["outcome"] == "approved"
    assert body["decision"]["ledger_index"] is not None
