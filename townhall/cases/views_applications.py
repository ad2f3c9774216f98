"""A resident's own applications: "Your applications", one application's page,
and its documents. Only ever the signed-in resident's own: 404 otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from townhall.cases import journey, selectors
from townhall.cases.i18n import tr
from townhall.cases.models import Application
from townhall.cases.summary import answer_sections, long_date
from townhall.cases.views import claim_session_drafts, owns
from townhall.catalog.markdown import markdown_html
from townhall.catalog.selectors import service_spec


@dataclass
class ApplicationRow:
    application: Application
    service_title: str
    status: str
    submitted: str
    due: str
    next_step: str
    url: str
    link_text: str


def next_step_text(application: Application) -> str:
    """What happens next, in one sentence."""
    if application.is_draft:
        return _("Finish your application and send it.")
    if application.due_date is not None:
        return _("We are checking your application. We will tell you our decision by %(date)s.") % {
            "date": long_date(application.due_date)
        }
    return _("We are checking your application.")


def _row(application: Application) -> ApplicationRow:
    service = service_spec(application.service_version)
    if application.is_draft:
        url = reverse(
            "cases:apply-resume",
            kwargs={"slug": application.service_slug, "reference": application.reference},
        )
        link_text = _("Continue")
    else:
        url = reverse("cases:application-detail", kwargs={"reference": application.reference})
        link_text = _("View")
    return ApplicationRow(
        application=application,
        service_title=tr(service.title),
        status=application.get_status_display(),
        submitted=long_date(timezone.localdate(application.submitted_at))
        if application.submitted_at
        else "",
        due=long_date(application.due_date),
        next_step=next_step_text(application),
        url=url,
        link_text=link_text,
    )


@never_cache
@login_required
@require_GET
def applications_list(request: HttpRequest) -> HttpResponse:
    claim_session_drafts(request)
    rows = [_row(application) for application in selectors.applications_for(user=request.user)]
    context = {
        "submitted": [row for row in rows if not row.application.is_draft],
        "drafts": [row for row in rows if row.application.is_draft],
    }
    return render(request, "cases/applications.html", context)


def _own_application(request: HttpRequest, reference: str) -> Application:
    claim_session_drafts(request)
    application = selectors.application_get(reference=reference)
    if application is None or not owns(request, application):
        raise Http404
    return application


@never_cache
@login_required
@require_GET
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    service = service_spec(application.service_version)
    # Checked as of the day it was sent: a date that had to be in the future
    # then is still a good answer now.
    sent = application.submitted_at
    today = timezone.localdate(sent) if sent else timezone.localdate()
    checked = journey.check_stored(service, application.all_answers(), today=today)
    context = {
        "row": _row(application),
        "application": application,
        "service_title": tr(service.title),
        "what_happens_next": markdown_html(service.what_happens_next)
        if not application.is_draft
        else "",
        "sections": answer_sections(service, checked),
        "documents": list(application.documents.all()),
    }
    return render(request, "cases/application_detail.html", context)


@never_cache
@require_GET
def document_download(request: HttpRequest, reference: str, uid: str) -> FileResponse:
    """A document of the visitor's own application (a signed-out visitor's draft too)."""
    application = _own_application(request, reference)
    document = selectors.document_get(application=application, uid=uid)
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
