"""A resident's own applications: "Your applications", one application's page,
and its documents. Only ever the signed-in resident's own: 404 otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from townhall.cases import journey, selectors
from townhall.cases import services_casework as work
from townhall.cases.forms_staff import MessageForm
from townhall.cases.i18n import tr
from townhall.cases.models import Application, ApplicationStatus
from townhall.cases.selectors_casework import case_messages
from townhall.cases.summary import answer_sections, long_date
from townhall.cases.views import claim_session_drafts, owns
from townhall.catalog import workflow as wf
from townhall.catalog.markdown import markdown_html
from townhall.catalog.selectors import service_spec

DECIDED = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.APPROVED_WITH_CONDITIONS,
    ApplicationStatus.REFUSED,
)


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
    status = application.status
    if application.is_draft:
        return _("Finish your application and send it.")
    if status == ApplicationStatus.INFO_REQUESTED:
        return _("We need more information from you. Read our message and answer it below.")
    if status in DECIDED:
        return _("We have made our decision. You can read and download the letter.")
    if status == ApplicationStatus.WITHDRAWN:
        return _("You withdrew this application. We will not decide on it.")
    if status == ApplicationStatus.CLOSED:
        return _("This application is closed.")
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


def _detail_context(
    request: HttpRequest, application: Application, message_form: MessageForm | None = None
) -> dict[str, object]:
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
        "messages_list": [] if application.is_draft else case_messages(application=application),
        "message_form": message_form or MessageForm(),
        "info_requested": application.status == ApplicationStatus.INFO_REQUESTED,
        "info_request": application.transitions.filter(to_status=ApplicationStatus.INFO_REQUESTED)
        .order_by("-created_at", "-pk")
        .first()
        if application.status == ApplicationStatus.INFO_REQUESTED
        else None,
        "decided": application.decided_at is not None,
        "can_withdraw": wf.WITHDRAWN
        in service.workflow.allowed(application.status, by_resident=True),
        "decision_label": ApplicationStatus(application.status).label,
    }
    return context


@never_cache
@login_required
@require_GET
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    if not application.is_draft:
        work.case_messages_mark_read(application=application, reader=request.user)
    return render(request, "cases/application_detail.html", _detail_context(request, application))


@login_required
@require_POST
def application_message(request: HttpRequest, reference: str) -> HttpResponse:
    """The resident writes to the staff: an answer, when we asked for more information."""
    application = _own_application(request, reference)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            if application.status == ApplicationStatus.INFO_REQUESTED:
                work.info_answer(
                    application=application, resident=request.user, body=form.cleaned_data["body"]
                )
                messages.success(request, _("Thank you. We have your answer and will carry on."))
            else:
                work.case_message_send(
                    application=application, author=request.user, body=form.cleaned_data["body"]
                )
                messages.success(request, _("Your message has been sent"))
        except work.CaseworkError as error:
            form.add_error("body", error.message)
    if form.errors:
        context = _detail_context(request, application, message_form=form)
        return render(request, "cases/application_detail.html", context, status=400)
    return redirect("cases:application-detail", reference=application.reference)


@login_required
@require_POST
def application_withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own_application(request, reference)
    try:
        work.case_withdraw(application=application, resident=request.user)
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have withdrawn your application"))
    return redirect("cases:application-detail", reference=application.reference)


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
