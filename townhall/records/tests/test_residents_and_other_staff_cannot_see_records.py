"""Records are for caseworkers, managers and administrators only. A resident,
whether the record is about them or someone else, gets 403 on every records
page; so does a safety operator. Signed-out visitors are sent to sign in."""

from __future__ import annotations

import pytest

from townhall.records.models import Record
from townhall.records.services import records_case_documents_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(case_with_document):
    records_case_documents_index()
    uid = Record.objects.get().uid.hex
    return [
        "/staff/records/",
        "/staff/records/?words=proof",
        f"/staff/records/{uid}/",
        f"/staff/records/{uid}/download/",
        "/staff/records/retention/",
    ]


@pytest.mark.parametrize("who", ["resident", "other_resident", "operator"])
def test_they_are_refused_everywhere(client, urls, signed_in, who, request):
    signed_in(request.getfixturevalue(who))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"proof of address" not in response.content.lower()
    uid = Record.objects.get().uid.hex
    assert client.post("/staff/records/retention/destroy/", {"record": uid}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/account/sign-in/")


def test_a_caseworker_reads_but_cannot_destroy(client, urls, caseworker, signed_in):
    signed_in(caseworker)
    for url in urls[:4]:
        assert client.get(url).status_code == 200, url
    assert client.get("/staff/records/retention/").status_code == 403
    uid = Record.objects.get().uid.hex
    assert client.post("/staff/records/retention/destroy/", {"record": uid}).status_code == 403
    assert Record.objects.get().destroyed_at is None


def test_an_unknown_record_is_404(client, caseworker, signed_in):
    signed_in(caseworker)
    assert client.get("/staff/records/" + "0" * 32 + "/").status_code == 404
    assert client.get("/staff/records/not-a-uid/download/").status_code == 404
