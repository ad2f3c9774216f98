"""Documents of sent applications become records naming the same stored file,
once each; drafts' documents wait until they are sent."""

from __future__ import annotations

import pytest

from townhall.cases.models import Application, ApplicationStatus, Document
from townhall.records.models import Record
from townhall.records.services import records_case_documents_index
from townhall.records.tasks import case_documents_index
from townhall.records.tests.conftest import make_case

pytestmark = pytest.mark.django_db


def test_a_sent_applications_document_is_indexed_once(case_with_document, media_root):
    document = Document.objects.get()
    assert records_case_documents_index() == 1
    record = Record.objects.get()
    assert record.case_document == document
    assert record.file.name == document.file.name  # the same file, not a copy
    assert len([p for p in media_root.rglob("*") if p.is_file()]) == 1
    assert (record.sha256, record.size) == (document.sha256, document.size)
    assert record.application_reference == "PP-2026-00042"
    assert record.service_slug == "parking-permit"
    assert record.record_type.slug == "case-document"
    assert "12 Mill Lane" in record.text
    assert records_case_documents_index() == 0
    assert Record.objects.count() == 1


def test_a_drafts_documents_wait(resident):
    application = make_case(resident, "PP-2026-00050", b"Draft proof of address here")
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.DRAFT)
    assert records_case_documents_index() == 0


def test_the_task_indexes_too(case_with_document):
    result = case_documents_index.enqueue()
    assert result.return_value == 1
