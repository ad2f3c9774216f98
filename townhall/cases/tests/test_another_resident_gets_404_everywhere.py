"""A resident can never reach another resident's application: every page of
the journey, the application's page, its documents and every API operation
answer 404, as for a reference that does not exist. So does a signed-out
visitor whose session did not start the draft."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from townhall.cases.models import Application, Document, JourneyEvent
from townhall.cases.tests.helpers import pdf, reference_of, submit, walk_to_check

pytestmark = pytest.mark.django_db

SLUG = "parking-permit"


def journey_urls(reference: str, document: str) -> list[str]:
    base = f"/services/{SLUG}/apply/{reference}/"
    return [
        base,
        f"{base}about_you/",
        f"{base}documents/",
        f"{base}check/",
        f"{base}declaration/",
        f"{base}confirmation/",
        f"{base}not-eligible/",
        f"{base}feedback/",
        f"{base}feedback/thank-you/",
        f"/applications/{reference}/",
        f"/applications/{reference}/documents/{document}/",
    ]


@pytest.fixture
def drafts(client, catalogue, resident, signed_in):
    """Two applications of the resident's: one sent, one draft; then signed out."""
    signed_in(resident)
    sent = reference_of(walk_to_check(client, SLUG))
    submit(client, f"/services/{SLUG}/apply/{sent}/check/")
    draft = reference_of(walk_to_check(client, "health-coverage"))
    client.logout()
    return sent, draft


def test_another_resident_gets_404_on_every_page(client, drafts, other_resident, signed_in):
    sent, _draft = drafts
    document = Document.objects.filter(application__reference=sent).first().uid.hex
    signed_in(other_resident)
    before = Application.objects.get(reference=sent).updated_at
    for url in journey_urls(sent, document):
        assert client.get(url).status_code == 404, url
        if url.endswith(("about_you/", "documents/", "declaration/", "/feedback/")):
            assert client.post(url, {"full_name": "Mallory"}).status_code == 404, url
    assert Application.objects.get(reference=sent).updated_at == before


def test_another_resident_cannot_change_a_draft(client, drafts, other_resident, signed_in):
    _sent, draft = drafts
    signed_in(other_resident)
    base = f"/services/health-coverage/apply/{draft}/"
    before = Application.objects.get(reference=draft).all_answers()
    for page in ("about_you", "household", "documents", "declaration", "feedback"):
        response = client.post(
            f"{base}{page}/",
            {"full_name": "Mallory", "idempotency_key": "k", "proof_of_income": pdf()},
        )
        assert response.status_code == 404, page
    assert Application.objects.get(reference=draft).all_answers() == before
    # Starting the same service gives the other resident a draft of their own.
    response = client.get("/services/health-coverage/apply/")
    assert draft not in response["Location"]


def test_a_signed_out_visitor_gets_404(client, drafts):
    sent, draft = drafts
    document = Document.objects.filter(application__reference=sent).first().uid.hex
    for url in journey_urls(sent, document):
        status = client.get(url).status_code
        # "Your applications" pages ask a signed-out visitor to sign in first.
        expected = 302 if url.startswith("/applications/") and "/documents/" not in url else 404
        assert status == expected, url
    assert client.get(f"/services/health-coverage/apply/{draft}/about_you/").status_code == 404


def test_the_api_answers_404_for_another_residents_reference(drafts, other_resident):
    sent, draft = drafts
    api = APIClient()
    api.force_authenticate(other_resident)
    events = JourneyEvent.objects.count()
    for reference in (sent, draft, "RIV-2026-999999"):
        base = f"/api/v1/applications/{reference}/"
        assert api.get(base).status_code == 404
        assert api.patch(base, {"answers": {"full_name": "M"}}, format="json").status_code == 404
        response = api.post(f"{base}submit", HTTP_IDEMPOTENCY_KEY="k1")
        assert response.status_code == 404
        upload = api.post(f"{base}documents/proof_of_address", {"file": pdf()}, format="multipart")
        assert upload.status_code == 404
    assert JourneyEvent.objects.count() == events
    assert Application.objects.get(reference=draft).is_draft
