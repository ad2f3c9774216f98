"""A PDF with a text layer is read with pypdf: no OCR, the words as written."""

from __future__ import annotations

import pytest

from townhall.records import extraction
from townhall.records.services import record_create
from townhall.records.tests.helpers import pdf_with_text


def test_the_words_of_every_line_come_out():
    content = pdf_with_text(
        "Building permit BP-2019-0042 (granted)", "Two-storey rear extension at 4 Quay Road"
    )
    found = extraction.extract(content)
    assert (found.kind, found.source) == ("pdf", "pdf")
    assert "Building permit BP-2019-0042 (granted)" in found.text
    assert "Two-storey rear extension at 4 Quay Road" in found.text


@pytest.mark.django_db
def test_the_record_keeps_the_text_and_says_where_it_came_from(archive_type):
    content = pdf_with_text("Noise complaint about the night market on Station Square")
    record = record_create(content=content, name="complaint.pdf", record_type=archive_type).record
    record.refresh_from_db()
    assert record.text_source == "pdf"
    assert "night market on Station Square" in record.text
    assert record.title == "complaint"
