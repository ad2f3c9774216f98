"""Records fixtures: stored files kept in a temporary folder, small real files to import."""

from __future__ import annotations

import hashlib

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive_type(db):
    from townhall.records.models import RecordType

    return RecordType.objects.get(slug="archive-scan")


@pytest.fixture
def case_with_document(db, resident):
    """A sent parking-permit application of the resident's with one PDF document."""
    return make_case(resident, "PP-2026-00042", b"Proof of address: 12 Mill Lane, rear extension")


def make_case(applicant, reference: str, text: bytes, *, slug: str = "parking-permit"):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from townhall.cases.models import Application, ApplicationStatus, Document
    from townhall.catalog.selectors import service_version_current
    from townhall.catalog.services import service_definitions_load
    from townhall.records.tests.helpers import pdf_with_text

    version = service_version_current(slug=slug)
    if version is None:
        service_definitions_load()
        version = service_version_current(slug=slug)
    application = Application.objects.create(
        reference=reference,
        applicant=applicant,
        service_version=version,
        service_slug=slug,
        status=ApplicationStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    content = pdf_with_text(text.decode())
    document = Document(
        application=application,
        question_id="proof",
        requirement_id="proof",
        original_name="proof-of-address.pdf",
        detected_type="pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    document.file.save("upload", ContentFile(content), save=True)
    return application
