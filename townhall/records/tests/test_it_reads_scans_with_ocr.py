"""Images are read with Tesseract. Skipped where it is not installed, except
in CI (CI=true), where a missing Tesseract fails the test."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from townhall.records import extraction
from townhall.records.models import Record
from townhall.records.tests.helpers import require_tesseract, scanned_png


def test_the_words_in_a_scanned_image_are_read():
    require_tesseract()
    found = extraction.extract(scanned_png("Notice of demolition at Harbour Street"))
    assert (found.kind, found.source) == ("png", "ocr")
    assert "demolition at Harbour Street" in found.text


@pytest.mark.django_db
def test_an_imported_scan_is_searchable_by_its_words(tmp_path, archive_type):
    require_tesseract()
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan-0001.png").write_bytes(scanned_png("Ferry timetable for the winter season"))
    out = io.StringIO()
    call_command("records", "import", str(folder), "--no-progress", stdout=out)
    assert "no text" not in out.getvalue()
    record = Record.objects.get()
    assert record.text_source == "ocr"
    assert "winter season" in record.text
