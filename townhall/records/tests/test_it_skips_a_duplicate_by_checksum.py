"""A file whose bytes are already a record is skipped, however it is named."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from townhall.records.models import Record
from townhall.records.services import RecordDuplicate, record_create
from townhall.records.tests.helpers import pdf_with_text

pytestmark = pytest.mark.django_db


def test_the_second_copy_is_reported_and_not_stored(tmp_path, archive_type, media_root):
    content = pdf_with_text("Tree preservation order for the oak at Mill Lane")
    first = record_create(content=content, name="order.pdf", record_type=archive_type).record
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "copy-of-order.pdf").write_bytes(content)
    out = io.StringIO()
    call_command("records", "import", str(folder), "--no-progress", stdout=out)

    assert "Imported 0, skipped 1 duplicates" in out.getvalue()
    assert f"duplicate: copy-of-order.pdf (same checksum as record {first.uid.hex})" in (
        out.getvalue()
    )
    assert Record.objects.count() == 1
    assert len(list(media_root.rglob("*.pdf"))) == 1


def test_the_service_refuses_it_naming_the_existing_record(archive_type):
    content = b"Same text twice."
    first = record_create(content=content, name="a.txt", record_type=archive_type).record
    with pytest.raises(RecordDuplicate) as caught:
        record_create(content=content, name="b.txt", record_type=archive_type)
    assert caught.value.existing == first
