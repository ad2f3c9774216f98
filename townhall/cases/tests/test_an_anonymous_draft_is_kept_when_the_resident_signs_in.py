"""A signed-out visitor can start and answer; before sending they are asked to
sign in (or create an account), and come back to "Check your answers" with
their draft now on their account."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import PASSWORD
from townhall.cases.models import Application
from townhall.cases.tests.helpers import reference_of, submit, walk_to_check

pytestmark = pytest.mark.django_db


def test_a_signed_out_draft_is_attached_on_sign_in(client, catalogue, resident):
    check_url = walk_to_check(client, "parking-permit")
    reference = reference_of(check_url)
    application = Application.objects.get(reference=reference)
    assert application.applicant is None and application.is_draft

    check = client.get(check_url).content.decode()
    assert "Sign in to send your application" in check
    declaration = client.get(check_url.replace("/check/", "/declaration/"))
    assert declaration.status_code == 302
    sign_in_url = declaration["Location"]
    assert urlsplit(sign_in_url).path == "/account/sign-in/"
    assert parse_qs(urlsplit(sign_in_url).query)["next"] == [check_url]
    assert f"/account/sign-up/?next={check_url.replace('/', '%2F')}" in check

    response = client.post(
        sign_in_url, {"username": resident.email, "password": PASSWORD, "next": check_url}
    )
    assert response.status_code == 302 and response["Location"] == check_url
    assert client.get(check_url).status_code == 200
    application.refresh_from_db()
    assert application.applicant == resident

    response = submit(client, check_url)
    assert response["Location"].endswith("/confirmation/")
    assert reference in client.get("/applications/").content.decode()


def test_a_signed_out_visitor_resumes_their_own_draft(client, catalogue):
    first = client.get("/services/parking-permit/apply/")["Location"]
    again = client.get("/services/parking-permit/apply/")["Location"]
    assert reference_of(first) == reference_of(again)
    assert Application.objects.count() == 1


def test_a_draft_left_signed_out_appears_in_your_applications(
    client, catalogue, resident, signed_in
):
    reference = reference_of(client.get("/services/pet-license/apply/")["Location"])
    signed_in(resident)
    listing = client.get("/applications/").content.decode()
    assert reference in listing
    assert f"/services/pet-license/apply/{reference}/" in listing  # its Continue link
    assert Application.objects.get(reference=reference).applicant == resident
