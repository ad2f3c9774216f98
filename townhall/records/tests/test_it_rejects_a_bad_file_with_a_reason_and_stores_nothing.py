"""Files that cannot be records are rejected one by one, each with its reason,
and leave neither a row nor a stored file; the good files beside them go in."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from townhall.records.models import Record
from townhall.records.tests.helpers import pdf_with_text

pytestmark = pytest.mark.django_db


def test_each_bad_file_is_named_with_why(tmp_path, settings, media_root, archive_type):
    settings.RECORDS_MAX_MB = 1
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "program.exe").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)))
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF")
    (folder / "huge.txt").write_bytes(b"a" * (1024 * 1024 + 1))
    (folder / "good.pdf").write_bytes(pdf_with_text("Street lighting survey for Elm Road"))
    out = io.StringIO()
    call_command("records", "import", str(folder), "--no-progress", stdout=out)
    text = out.getvalue()

    assert "Imported 1, skipped 0 duplicates, rejected 4." in text
    assert "rejected: program.exe: it is not a PDF, a PNG, JPEG or TIFF image" in text
    assert "rejected: empty.pdf: the file is empty" in text
    assert "rejected: broken.pdf: the PDF cannot be read" in text
    assert "rejected: huge.txt: The file is larger than 1 MB." in text
    assert [r.original_name for r in Record.objects.all()] == ["good.pdf"]
    stored = [p for p in media_root.rglob("*") if p.is_file()]
    assert len(stored) == 1
