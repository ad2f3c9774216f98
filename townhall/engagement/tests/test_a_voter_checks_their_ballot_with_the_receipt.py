"""The receipt code, shown once, finds the voter's ballot among the
district's published receipt fingerprints."""

import hashlib
import re

import pytest

from townhall.engagement.tests.helpers import district, make_process, project_ids, verify

pytestmark = pytest.mark.django_db


def test_the_receipt_is_shown_once_and_finds_the_ballot(resident, signed_in):
    process = make_process()
    north = district(process, "north")
    verify(resident, north)
    client = signed_in(resident)
    base = f"/participate/{process.slug}/districts/north/"
    response = client.post(f"{base}vote/", {"project": project_ids(north)[:1], "action": "cast"})
    assert response["Location"] == f"{base}vote/receipt/"
    page = client.get(f"{base}vote/receipt/").content.decode()
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', page).group(1)
    # Shown once: the next visit goes to the check page instead.
    assert client.get(f"{base}vote/receipt/")["Location"] == f"{base}check/"

    anonymous = client.__class__()
    counted = anonymous.post(f"{base}check/", {"code": code}).content.decode()
    assert "Your ballot is counted" in counted
    wrong = anonymous.post(f"{base}check/", {"code": "AAAA-BBBB-CCCC-DDDD"}).content.decode()
    assert "No ballot in this district has that receipt code" in wrong
    hashes = anonymous.get(f"{base}receipts.txt").content.decode().split()
    assert hashlib.sha256(code.encode()).hexdigest() in hashes
