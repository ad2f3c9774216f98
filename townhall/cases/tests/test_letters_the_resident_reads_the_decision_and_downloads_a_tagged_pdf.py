"""Done when "the resident sees the decision, downloads the letter": the letter
is a page on the site and a tagged PDF (PDF/UA: structure tree, document
language, title) that says the decision, the reasons, how to ask for a review
and which ledger entry records it, in the resident's language."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from townhall.cases.letters import letter_context, letter_html
from townhall.cases.models import ApplicationStatus, CaseTransition
from townhall.cases.tests.helpers import draft_for
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

REASON = "Your declared income is below the threshold for this tax."
# What a caseworker types is text, never markup.
MARKUP = "<b>not bold</b>"


def decide(application, status, *, reason="", conditions="", by=None):
    entry = ledger_append(
        kind="case.decided",
        subject=f"application:{application.reference}",
        payload={"reference": application.reference, "decision": str(status)},
        actor=by,
    )
    application.status = status
    application.submitted_at = timezone.now()
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_reason = reason
    application.decision_conditions = conditions
    application.decision_ledger_index = entry.index
    application.save()
    return application


def pdf_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    """The words of every page, with line wrapping undone."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def refused(catalogue, resident, caseworker):
    return decide(
        draft_for(resident), ApplicationStatus.REFUSED, reason=f"{REASON}\n{MARKUP}", by=caseworker
    )


def test_the_owner_sees_the_letter_as_a_page(refused, signed_in):
    client = signed_in(refused.applicant)
    response = client.get(f"/applications/{refused.reference}/letter/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<article class="townhall-letter" lang="en">' in page
    assert "Your application is refused" in page
    assert REASON in page
    assert "&lt;b&gt;not bold&lt;/b&gt;" in page
    assert "Rosa Resident" in page
    assert "within 30 days" in page
    assert f"entry {refused.decision_ledger_index}" in page
    assert f'href="/applications/{refused.reference}/letter.pdf"' in page
    # The tax service's own wording.
    assert "send a corrected return by 30 April" in page


def test_the_owner_downloads_a_tagged_pdf(refused, signed_in):
    client = signed_in(refused.applicant)
    response = client.get(f"/applications/{refused.reference}/letter.pdf")
    reader = pdf_of(response)
    assert response["Content-Disposition"] == (
        f'attachment; filename="{refused.reference}-decision.pdf"'
    )
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert refused.reference in reader.metadata.title
    assert reader.metadata.author == "Riverside Council services"
    text = text_of(reader)
    assert refused.reference in text
    assert "We have refused your application." in text
    assert REASON in text
    assert f"/ledger/receipt/{refused.decision_ledger_index}" in text.replace(" ", "")


def test_the_letter_is_in_the_residents_language(catalogue, resident, caseworker):
    resident.preferred_language = "es"
    resident.save(update_fields=["preferred_language"])
    application = decide(draft_for(resident), ApplicationStatus.APPROVED, by=caseworker)
    html = letter_html(application)
    assert '<html lang="es">' in html
    assert "Presentar su declaración del impuesto local sobre los ingresos" in html
    reader = PdfReader(io.BytesIO(_pdf(application)))
    assert reader.trailer["/Root"]["/Lang"] == "es"


def _pdf(application):
    from townhall.cases.letters import letter_pdf

    return letter_pdf(application)


def figures(node):
    """The (/Alt) text of every /Figure in a structure tree."""
    node = node.get_object()
    found = []
    if hasattr(node, "get"):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            found += figures(kid)
    return found


def test_a_building_permit_letter_has_the_permits_own_wording(
    catalogue, resident, caseworker, settings
):
    settings.LEDGER_CHECKPOINT_INTERVAL = 0
    application = decide(
        draft_for(resident, "building-permit"),
        ApplicationStatus.APPROVED_WITH_CONDITIONS,
        reason="The extension fits the street.",
        conditions="Use brick that matches the house.",
        by=caseworker,
    )
    ledger_checkpoint_publish()
    reader = PdfReader(io.BytesIO(_pdf(application)))
    # The receipt's QR code, with its text alternative.
    assert figures(reader.trailer["/Root"]["/StructTreeRoot"]) == [
        "QR code of the ledger receipt of this decision"
    ]
    text = text_of(reader)
    assert "Your application is approved with conditions" in text
    assert "Use brick that matches the house." in text
    assert "within 3 years" in text
    assert "foundations, structure and completion" in text


def test_a_closed_case_keeps_the_decision_it_had(catalogue, resident, caseworker):
    application = decide(draft_for(resident), ApplicationStatus.APPROVED, by=caseworker)
    CaseTransition.objects.create(
        application=application,
        from_status=ApplicationStatus.IN_REVIEW,
        to_status=ApplicationStatus.APPROVED,
        actor=caseworker,
    )
    application.status = ApplicationStatus.CLOSED
    application.save(update_fields=["status"])
    context = letter_context(application, "en")
    assert context["decision"] == ApplicationStatus.APPROVED
    assert context["decision_heading"] == "Your application is approved"
    assert "pay it by 30 April" in letter_html(application)
