"""`townhall records import DIR` stores every PDF, image and text file with its
checksum and text, shows a progress bar, and names the files with no text."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command

from townhall.records import extraction
from townhall.records.models import Record
from townhall.records.tests.helpers import PNG_BLANK, pdf_with_text

pytestmark = pytest.mark.django_db


def run_import(folder, *extra):
    out, err = io.StringIO(), io.StringIO()
    call_command("records", "import", str(folder), *extra, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_each_file_with_its_text_and_checksum(tmp_path, archive_type):
    folder = tmp_path / "archive"
    (folder / "1987").mkdir(parents=True)
    minutes = pdf_with_text("Minutes of the planning committee", "Harbour Street demolition")
    (folder / "1987" / "minutes.pdf").write_bytes(minutes)
    (folder / "letter.txt").write_text("Dear resident, the library reopens in May.\n")
    (folder / "blank-scan.png").write_bytes(PNG_BLANK)

    out, err = run_import(folder)

    assert "Imported 3, skipped 0 duplicates, rejected 0." in out
    assert "3/3" in err and "Importing" in err  # the tqdm bar
    assert "no text: blank-scan.png" in out
    if not extraction.ocr_available():
        assert "No OCR available" in out
    by_name = {r.original_name: r for r in Record.objects.all()}
    pdf = by_name["minutes.pdf"]
    assert pdf.sha256 == hashlib.sha256(minutes).hexdigest()
    assert pdf.size == len(minutes)
    assert (pdf.kind, pdf.content_type, pdf.text_source) == ("pdf", "application/pdf", "pdf")
    assert "Harbour Street demolition" in pdf.text
    assert pdf.record_type == archive_type
    assert pdf.dispose_after is not None
    assert pdf.file.read() == minutes
    assert by_name["letter.txt"].text_source == "text"
    assert by_name["blank-scan.png"].text_source == "none"
    assert by_name["blank-scan.png"].kind == "png"


def test_the_type_option_sets_the_retention_rule(tmp_path):
    folder = tmp_path / "minutes"
    folder.mkdir()
    (folder / "m.txt").write_text("Council minutes of 3 March: budget approved.")
    run_import(folder, "--type", "council-minutes", "--no-progress")
    record = Record.objects.get()
    assert record.record_type.slug == "council-minutes"
    assert record.dispose_after is None  # kept permanently


def test_an_unknown_type_or_folder_is_a_clear_error(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no record type 'nope'"):
        run_import(tmp_path, "--type", "nope")
    with pytest.raises(CommandError, match="is not a folder"):
        run_import(tmp_path / "missing")
    assert Record.objects.count() == 0
