"""Decision letters as a page and as a PDF, for the resident and for staff.

Residents see only their own (404 otherwise); staff only the cases of their
teams, and each staff read is logged for the resident to see. There is no
letter before a decision: 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from townhall.accounts.decorators import staff_required
from townhall.cases import letters, selectors, selectors_casework
from townhall.cases.models import Application
from townhall.privacy.access import access_record
from townhall.privacy.models import AccessPurpose


def _decided(application: Application | None) -> Application:
    if application is None or application.decided_at is None:
        raise Http404
    return application


def _own(request: HttpRequest, reference: str) -> Application:
    application = selectors.application_get(reference=reference)
    if application is None or application.applicant_id != request.user.id:
        raise Http404
    return _decided(application)


def _for_staff(request: HttpRequest, reference: str) -> Application:
    application = _decided(
        selectors_casework.case_for_staff(user=request.user, reference=reference)
    )
    access_record(
        staff=request.user,
        subject=application.applicant,
        purpose=AccessPurpose.CASE_WORK,
        object_kind="application",
        object_ref=application.reference,
        team=selectors_casework.team_name_for(
            user=request.user, service_slug=application.service_slug
        ),
    )
    return application


def _page(
    request: HttpRequest, application: Application, *, back_url: str, back_text: str, pdf_url: str
) -> HttpResponse:
    try:
        body = letters.letter_body(application)
    except letters.NoDecision:
        raise Http404 from None
    context = {
        "page_title": _("Decision letter – %(reference)s") % {"reference": application.reference},
        "body": body,
        "back_url": back_url,
        "back_text": back_text,
        "pdf_url": pdf_url,
        "pdf_name": _filename(application),
    }
    return render(request, "cases/letters/page.html", context)


def _filename(application: Application) -> str:
    return f"{application.reference}-decision.pdf"


def _pdf(application: Application) -> HttpResponse:
    try:
        content = letters.letter_pdf(application)
    except letters.NoDecision:
        raise Http404 from None
    response = HttpResponse(content, content_type="application/pdf")
    # The reference is letters, digits and dashes: nothing to quote.
    response["Content-Disposition"] = f'attachment; filename="{_filename(application)}"'
    return response


@never_cache
@login_required
@require_GET
def letter(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own(request, reference)
    return _page(
        request,
        application,
        back_url=reverse("cases:application-detail", kwargs={"reference": reference}),
        back_text=_("Your application"),
        pdf_url=reverse("cases:letter-pdf", kwargs={"reference": reference}),
    )


@never_cache
@login_required
@require_GET
def letter_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    return _pdf(_own(request, reference))


@never_cache
@staff_required
@require_GET
def staff_letter(request: HttpRequest, reference: str) -> HttpResponse:
    application = _for_staff(request, reference)
    return _page(
        request,
        application,
        back_url=reverse("cases:staff-case", kwargs={"reference": reference}),
        back_text=_("Back to the case"),
        pdf_url=reverse("cases:staff-letter-pdf", kwargs={"reference": reference}),
    )


@never_cache
@staff_required
@require_GET
def staff_letter_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    return _pdf(_for_staff(request, reference))
