"""Uploads are judged by their content, not their name: a ".pdf" that is
really text, an empty file and a file over the size limit are refused with a
clear message, and nothing of them is stored, neither a row nor a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from townhall.cases.models import Application, Document
from townhall.cases.services import DocumentRejected, application_document_add
from townhall.cases.tests.helpers import NOT_A_PDF, PDF, PNG, draft_for, pdf, walk_to_check

pytestmark = pytest.mark.django_db


def stored_files(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.fixture
def documents_page(client, catalogue, resident, signed_in):
    signed_in(resident)
    check_url = walk_to_check(client, "parking-permit")
    application = Application.objects.get(reference=check_url.split("/")[4])
    for document in application.documents.all():
        document.file.delete(save=False)
        document.delete()
    return application, check_url.replace("/check/", "/documents/")


def post_file(client, url, upload, question="proof_of_address"):
    return client.post(url, {"action": f"upload:{question}", question: upload})


def test_a_text_file_named_pdf_is_refused(client, documents_page, media_root):
    application, url = documents_page
    fake = SimpleUploadedFile("payslip.pdf", NOT_A_PDF, content_type="application/pdf")

    response = post_file(client, url, fake)

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Proof of your address must be a PDF, JPG or PNG" in html
    assert 'href="#proof_of_address"' in html
    assert not Document.objects.filter(application=application).exists()
    assert stored_files(media_root) == []


def test_a_pdf_named_png_is_taken_as_the_pdf_it_is(client, documents_page, media_root):
    application, url = documents_page
    response = post_file(client, url, SimpleUploadedFile("scan.png", PDF, content_type="image/png"))
    assert response.status_code == 200
    (document,) = Document.objects.filter(application=application)
    assert document.detected_type == "pdf" and document.original_name == "scan.png"
    assert len(stored_files(media_root)) == 1
    assert "scan.png" not in str(stored_files(media_root)[0])  # a random name on disk


def test_an_empty_file_is_refused(client, documents_page, media_root):
    application, url = documents_page
    response = post_file(client, url, SimpleUploadedFile("empty.pdf", b""))
    assert "The selected file is empty" in response.content.decode()
    assert not Document.objects.filter(application=application).exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_site_limit_is_never_kept(client, documents_page, media_root, settings):
    application, url = documents_page
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 10))

    response = client.post(url, {"action": "continue", "proof_of_address": big})

    html = response.content.decode()
    assert response.status_code == 200
    assert "The selected file must be smaller than 1 MB" in html
    assert not Document.objects.filter(application=application).exists()
    assert stored_files(media_root) == []


def test_a_file_over_the_documents_limit_is_refused(catalogue, resident, media_root, settings):
    settings.UPLOAD_MAX_MB = 50
    draft = draft_for(resident, "parking-permit")
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(DocumentRejected, match="smaller than 10 MB"):
        application_document_add(application=draft, question_id="proof_of_address", upload=big)
    assert not Document.objects.exists() and stored_files(media_root) == []


def test_too_many_files_are_refused(catalogue, resident, media_root):
    draft = draft_for(resident, "health-coverage")
    for number in range(5):
        application_document_add(
            application=draft, question_id="proof_of_income", upload=pdf(f"slip{number}.pdf")
        )
    with pytest.raises(DocumentRejected, match="no more than 5 files"):
        application_document_add(
            application=draft, question_id="proof_of_income", upload=pdf("slip6.pdf")
        )
    assert Document.objects.count() == 5 and len(stored_files(media_root)) == 5


def test_a_second_file_for_a_one_file_question_replaces_the_first(
    catalogue, resident, media_root, django_capture_on_commit_callbacks
):
    draft = draft_for(resident, "parking-permit")
    with django_capture_on_commit_callbacks(execute=True):
        application_document_add(application=draft, question_id="proof_of_address", upload=pdf())
        upload = SimpleUploadedFile("photo.png", PNG)
        application_document_add(application=draft, question_id="proof_of_address", upload=upload)
    (document,) = Document.objects.all()
    assert document.original_name == "photo.png"
    assert len(stored_files(media_root)) == 1
    draft.refresh_from_db()
    assert [f["name"] for f in draft.all_answers()["proof_of_address"]] == ["photo.png"]


def test_a_file_is_removed_with_its_button(client, documents_page, media_root):
    application, url = documents_page
    post_file(client, url, pdf("mine.pdf"))
    (document,) = Document.objects.filter(application=application)
    response = client.post(url, {"action": f"remove-file:proof_of_address:{document.uid.hex}"})
    assert response.status_code == 200
    assert not Document.objects.filter(application=application).exists()
    application.refresh_from_db()
    assert "proof_of_address" not in application.all_answers()


def test_the_api_refuses_a_text_file_named_pdf(catalogue, resident, media_root):
    draft = draft_for(resident, "parking-permit")
    api = APIClient()
    api.force_authenticate(resident)
    url = f"/api/v1/applications/{draft.reference}/documents/proof_of_address"

    fake = SimpleUploadedFile("a.pdf", NOT_A_PDF, content_type="application/pdf")
    response = api.post(url, {"file": fake}, format="multipart")
    assert response.status_code == 400
    assert "must be a PDF, JPG or PNG" in response.json()["file"][0]
    assert stored_files(media_root) == []

    response = api.post(url, {"file": pdf()}, format="multipart")
    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"
