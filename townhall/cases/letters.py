"""Decision letters: the same letter as an HTML page and as an accessible PDF.

A letter is written in the resident's preferred language whoever opens it,
from the template cases/letters/<service slug>.html when the service has one
(it extends default.html and adds the service's own wording), else
cases/letters/default.html. The PDF is tagged PDF/UA-1 (WeasyPrint), with
the document language, a title and metadata, so screen readers read it as
they read the page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.template.loader import get_template, render_to_string, select_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from townhall.cases.i18n import tr
from townhall.cases.models import Application, ApplicationStatus
from townhall.cases.summary import long_date
from townhall.catalog.selectors import service_spec
from townhall.core.context_processors import service_name
from townhall.ledger.qr import receipt_qr_data_uri
from townhall.ledger.selectors import receipt_for

# Days the resident has to ask for a review, counted from the date of the letter.
REVIEW_DAYS = 30
DECISIONS = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.APPROVED_WITH_CONDITIONS,
    ApplicationStatus.REFUSED,
)


class NoDecision(LookupError):
    """The application has no decision yet, so no letter."""


def letter_language(application: Application) -> str:
    applicant = application.applicant
    language = getattr(applicant, "preferred_language", "") or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def decision_of(application: Application) -> str:
    """The decision made, even once the case has moved on to "closed"."""
    if application.status in DECISIONS:
        return str(application.status)
    transition = (
        application.transitions.filter(to_status__in=DECISIONS)
        .order_by("-created_at", "-pk")
        .first()
    )
    if transition is None:
        raise NoDecision(application.reference)
    return transition.to_status


def _decision_words(decision: str) -> tuple[str, str]:
    """(heading, one plain sentence) for a decision, in the active language."""
    if decision == ApplicationStatus.APPROVED:
        return _("Your application is approved"), _("We have approved your application.")
    if decision == ApplicationStatus.APPROVED_WITH_CONDITIONS:
        return (
            _("Your application is approved with conditions"),
            _("We have approved your application. You must follow the conditions in this letter."),
        )
    return _("Your application is refused"), _("We have refused your application.")


def _receipt(index: int | None) -> dict[str, Any]:
    if index is None:
        return {"ledger_index": None}
    receipt = receipt_for(index)
    return {
        "ledger_index": index,
        "receipt_url": settings.SITE_URL + reverse("ledger:receipt", args=[index]),
        "ledger_url": settings.SITE_URL + reverse("ledger:index"),
        "receipt_qr": receipt_qr_data_uri(receipt) if receipt else "",
    }


def letter_context(application: Application, language: str) -> dict[str, Any]:
    """Everything a letter template shows, as words in `language`.

    Raises NoDecision when there is no decision to write about.
    """
    if application.decided_at is None:
        raise NoDecision(application.reference)
    decision = decision_of(application)
    service = service_spec(application.service_version)
    decided_on = timezone.localdate(application.decided_at)
    applicant = application.applicant
    with translation.override(language):
        heading, sentence = _decision_words(decision)
        return {
            "language": language,
            "council_name": service_name(),
            "city_name": settings.CITY_NAME,
            "contact_email": settings.CONTACT_EMAIL,
            "contact_phone": settings.CONTACT_PHONE,
            "site_url": settings.SITE_URL,
            "application": application,
            "reference": application.reference,
            "resident_name": applicant.get_full_name() if applicant else "",
            "service_slug": application.service_slug,
            "service_title": tr(service.title),
            "letter_date": long_date(decided_on),
            "letter_date_iso": decided_on.isoformat(),
            "decision": decision,
            "decision_heading": heading,
            "decision_sentence": sentence,
            "approved": decision != ApplicationStatus.REFUSED,
            "reasons": application.decision_reason,
            "conditions": application.decision_conditions,
            "review_days": REVIEW_DAYS,
            "review_by": long_date(decided_on + timedelta(days=REVIEW_DAYS)),
            "title": _("Decision on application %(reference)s")
            % {"reference": application.reference},
            **_receipt(application.decision_ledger_index),
        }


def letter_template(application: Application) -> Any:
    return select_template(
        [f"cases/letters/{application.service_slug}.html", "cases/letters/default.html"]
    )


def _body(application: Application, context: dict[str, Any], *, for_pdf: bool) -> SafeString:
    with translation.override(context["language"]):
        html = letter_template(application).render({**context, "for_pdf": for_pdf})
    # Safe: rendered by the template engine, which escapes every value.
    return mark_safe(html)  # noqa: S308


def letter_body(application: Application) -> SafeString:
    """The letter itself, to show inside a page, in the resident's language."""
    context = letter_context(application, letter_language(application))
    return _body(application, context, for_pdf=False)


def letter_html(application: Application) -> str:
    """The letter as a standalone HTML document: what the PDF is made from."""
    context = letter_context(application, letter_language(application))
    body = _body(application, context, for_pdf=True)
    with translation.override(context["language"]):
        return render_to_string("cases/letters/document.html", {**context, "body": body})


def letter_pdf(application: Application) -> bytes:
    """The letter as a tagged PDF/UA-1 document."""
    # Imported here: WeasyPrint loads Pango and fonts, which only letters need.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    stylesheet = CSS(string=get_template("cases/letters/letter.css").render({}))
    # The letter's only image is the QR code, a data: URI. Fetching nothing
    # else means no text in a letter can make the server request a URL or
    # read a local file.
    fetcher = URLFetcher(allowed_protocols=("data",))
    document = HTML(
        string=letter_html(application), base_url=settings.SITE_URL, url_fetcher=fetcher
    )
    return bytes(document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1"))
