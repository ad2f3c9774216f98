"""The applications API: create a draft, merge answers, read the status,
submit with an Idempotency-Key. Bad input is a 400 with a message for each
field, and stores nothing."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from townhall.cases.models import Application
from townhall.cases.tests.helpers import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(resident):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=resident)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_tax_return_through_the_api(api, catalogue, resident):
    answers = answers_for("tax-return")
    first_half = {k: answers[k] for k in list(answers)[:4]}
    created = api.post(
        "/api/v1/applications/", {"service": "tax-return", "answers": first_half}, format="json"
    )
    assert created.status_code == 201, created.json()
    reference = created.json()["reference"]
    assert created.json() == {"reference": reference, "status": "draft"}
    assert reference.startswith("RIV-") and len(reference.split("-")[2]) == 6

    url = f"/api/v1/applications/{reference}/"
    incomplete = api.post(f"{url}submit", HTTP_IDEMPOTENCY_KEY="k1")
    assert incomplete.status_code == 400
    assert incomplete.json()["answers"]["email"] == ["Enter your email address"]

    rest = {k: v for k, v in answers.items() if k not in first_half}
    patched = api.patch(url, {"answers": rest}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["status"] == "draft"
    assert patched.json()["decision"] is None

    submitted = api.post(f"{url}submit", HTTP_IDEMPOTENCY_KEY="k1")
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert body["status"] == "submitted" and body["reference"] == reference
    assert body["due_date"]

    status = api.get(url).json()
    assert status["status"] == "submitted"
    assert status["due_date"] == body["due_date"]
    assert status["service"] == "tax-return"
    assert "decision" in status and status["decision"] is None
    assert status["next_step"]

    changed = api.patch(url, {"answers": {"full_name": "New Name"}}, format="json")
    assert changed.status_code == 409


def test_bad_input_is_a_400_by_field_and_stores_nothing(api, catalogue):
    count = Application.objects.count()
    cases = [
        ({"service": "no-such-service"}, "service"),
        ({"answers": {}}, "service"),
        ({"service": "tax-return", "answers": "everything"}, "answers"),
        ({"service": "tax-return", "answers": {"national_id": "12"}}, "answers"),
        ({"service": "tax-return", "answers": {"date_of_birth": "1990-02-31"}}, "answers"),
        ({"service": "tax-return", "answers": {"employment_income": "lots"}}, "answers"),
        ({"service": "tax-return", "answers": {"filing_status": "married"}}, "answers"),
        ({"service": "tax-return", "answers": {"favourite_colour": "blue"}}, "answers"),
        ({"service": "parking-permit", "answers": {"proof_of_address": []}}, "answers"),
    ]
    for body, field in cases:
        response = api.post("/api/v1/applications/", body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json(), (body, response.json())
    assert Application.objects.count() == count

    response = api.post(
        "/api/v1/applications/",
        {"service": "tax-return", "answers": {"date_of_birth": "1990-02-31", "national_id": "1"}},
        format="json",
    )
    errors = response.json()["answers"]
    assert errors["date_of_birth"] == ["Your date of birth must be a real date"]
    assert errors["national_id"][0].startswith("Enter a national ID number in the correct format")


def test_a_bad_patch_changes_nothing(api, catalogue):
    reference = api.post(
        "/api/v1/applications/",
        {"service": "tax-return", "answers": {"full_name": "Alex Rivera"}},
        format="json",
    ).json()["reference"]
    url = f"/api/v1/applications/{reference}/"
    response = api.patch(
        url, {"answers": {"full_name": "Changed", "email": "not-an-email"}}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["answers"]) == ["email"]
    assert Application.objects.get(reference=reference).all_answers() == {
        "full_name": "Alex Rivera"
    }
    assert api.patch(url, {"answers": {"full_name": None}}, format="json").status_code == 200
    assert Application.objects.get(reference=reference).all_answers() == {}


def test_signed_out_callers_are_refused(catalogue):
    response = APIClient().post("/api/v1/applications/", {"service": "tax-return"}, format="json")
    assert response.status_code in (401, 403)
    assert not Application.objects.exists()
