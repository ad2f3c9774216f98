"""Opening or downloading a record from a resident's case is logged for that
resident (and in the ledger); records of no case log nothing."""

from __future__ import annotations

import pytest

from townhall.privacy.models import AccessEntry
from townhall.records.models import Record
from townhall.records.services import record_create, records_case_documents_index

pytestmark = pytest.mark.django_db


def test_each_view_and_download_is_logged_for_the_resident(
    client, case_with_document, caseworker, resident, signed_in
):
    records_case_documents_index()
    record = Record.objects.get()
    signed_in(caseworker)
    assert client.get(f"/staff/records/{record.uid.hex}/").status_code == 200
    download = client.get(f"/staff/records/{record.uid.hex}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    entries = list(AccessEntry.objects.filter(subject=resident).order_by("pk"))
    assert [(e.staff, e.purpose, e.object_kind, e.object_ref) for e in entries] == [
        (caseworker, "record", "record", record.uid.hex)
    ] * 2


def test_a_record_of_no_case_logs_nothing(client, archive_type, caseworker, signed_in):
    record = record_create(
        content=b"Town plan of 1911", name="plan.txt", record_type=archive_type
    ).record
    signed_in(caseworker)
    assert client.get(f"/staff/records/{record.uid.hex}/").status_code == 200
    assert AccessEntry.objects.count() == 0
