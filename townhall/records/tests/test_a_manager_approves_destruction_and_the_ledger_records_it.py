"""When a record's retention ends it is listed as due; a manager's approval
destroys its file and text, keeps a tombstone, and appends what, when and
under which rule to the ledger, never the content."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from townhall.ledger.models import Entry
from townhall.records.models import Record
from townhall.records.selectors import SearchFilters, records_due_for_destruction, records_search
from townhall.records.services import RecordRejected, record_create, record_destroy
from townhall.records.tasks import records_due_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(archive_type):
    record = record_create(
        content=b"Rates arrears letter to Mr Example, 14 Quay Road",
        name="arrears.txt",
        record_type=archive_type,
    ).record
    Record.objects.filter(pk=record.pk).update(
        dispose_after=timezone.localdate() - timedelta(days=1)
    )
    return Record.objects.get(pk=record.pk)


def test_it_is_listed_as_due_by_the_selector_and_the_task(due, archive_type):
    not_yet = record_create(content=b"Later", name="later.txt", record_type=archive_type).record
    assert records_due_for_destruction() == [due]
    assert records_due_list.enqueue().return_value == [due.uid.hex]
    assert not_yet.dispose_after == archive_type.dispose_after(timezone.localdate())


def test_the_manager_destroys_it_from_the_retention_page(
    client, due, manager, signed_in, django_capture_on_commit_callbacks
):
    path = Path(due.file.path)
    signed_in(manager)
    page = client.get("/staff/records/retention/").content.decode()
    assert "arrears" in page and "archive-scan:10y0d" in page

    # The file goes once the destruction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/records/retention/destroy/", {"record": due.uid.hex})
    assert response.status_code == 302
    notice = client.get(response["Location"]).content.decode()
    assert "destroyed under rule archive-scan:10y0d" in notice
    assert not path.exists()

    tombstone = Record.objects.get(pk=due.pk)
    assert tombstone.destroyed_at is not None and tombstone.destroyed_by == manager
    assert (tombstone.text, tombstone.title, tombstone.original_name, tombstone.file.name) == (
        "",
        "",
        "",
        "",
    )
    assert tombstone.sha256 == due.sha256
    assert records_search(filters=SearchFilters(words="arrears")).total == 0
    assert records_due_for_destruction() == []

    entry = Entry.objects.get(index=tombstone.destruction_ledger_index)
    body = json.loads(bytes(entry.body))
    assert body["kind"] == "record.destroyed"
    assert body["subject"] == f"record:{due.uid.hex}"
    assert body["payload"]["rule"] == "archive-scan:10y0d"
    assert body["payload"]["type"] == "archive-scan"
    assert body["payload"]["sha256"] == due.sha256
    assert "arrears" not in bytes(entry.body).decode().lower()
    assert "Quay" not in bytes(entry.body).decode()

    detail = client.get(f"/staff/records/{due.uid.hex}/").content.decode()
    assert "Destroyed record" in detail and "Quay Road" not in detail
    assert client.get(f"/staff/records/{due.uid.hex}/download/").status_code == 404


def test_a_record_not_yet_due_or_already_destroyed_is_refused(due, archive_type, manager):
    fresh = record_create(content=b"Keep me", name="keep.txt", record_type=archive_type).record
    with pytest.raises(RecordRejected, match="not yet due"):
        record_destroy(record=fresh, approved_by=manager)
    record_destroy(record=due, approved_by=manager)
    count = Entry.objects.count()
    with pytest.raises(RecordRejected, match="already been destroyed"):
        record_destroy(record=due, approved_by=manager)
    assert Entry.objects.count() == count
    assert Record.objects.get(pk=fresh.pk).text == "Keep me"
