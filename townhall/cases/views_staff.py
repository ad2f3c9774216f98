"""The back office pages: the work queue and a case's page with its actions.

Every page needs a member of staff signed in with their second factor, and a
case opens only for staff on a team that handles its service (404 otherwise,
so a reference says nothing to those who may not see it). Each view of a
case or of one of its documents is written to the resident's access log.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from townhall.accounts.decorators import staff_required
from townhall.cases import journey, selectors, selectors_casework
from townhall.cases import services_casework as work
from townhall.cases.forms_staff import (
    AssignForm,
    AssistForm,
    MessageForm,
    QueueFilterForm,
    ReturnForm,
    TextForm,
    TransitionForm,
)
from townhall.cases.i18n import tr
from townhall.cases.models import Application, ApplicationStatus
from townhall.cases.summary import amount_views, answer_sections, long_date
from townhall.catalog.assessment import assess_values
from townhall.catalog.selectors import service_spec, service_version_current, services_current
from townhall.privacy.models import AccessPurpose

STAFF_ROLES = ("caseworker", "manager")


def _can_work(request: HttpRequest) -> None:
    user = request.user
    if not any(user.has_role(role) for role in (*STAFF_ROLES, "administrator")):
        raise Http404


def _case(request: HttpRequest, reference: str) -> Application:
    _can_work(request)
    application = selectors_casework.case_for_staff(user=request.user, reference=reference)
    if application is None:
        raise Http404
    return application


def _service_choices(user: Any) -> list[tuple[str, str]]:
    slugs = selectors_casework.service_slugs_of(user=user)
    return [
        (version.slug, tr(service_spec(version).title))
        for version in services_current()
        if "*" in slugs or version.slug in slugs
    ]


def _people(user: Any) -> list[tuple[str, str]]:
    """Staff on the caller's teams, to assign cases to."""
    people = (
        get_user_model()
        .objects.filter(teams__members=user, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )
    return [(str(person.pk), person.full_name or person.email) for person in people]


@never_cache
@staff_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _can_work(request)
    user = request.user
    services = _service_choices(user)
    form = QueueFilterForm(request.GET or None, services=services)
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors_casework.QueueFilters(
        service=values.get("service", ""),
        status=values.get("status", ""),
        sla=values.get("sla", ""),
        assignee=values.get("assignee", ""),
        sort=values.get("sort", "") or "due",
    )
    page = selectors_casework.case_queue_page(
        user=user, filters=filters, number=request.GET.get("page", 1)
    )
    titles = dict(services)
    query = {key: value for key, value in request.GET.items() if key != "page" and value}
    is_manager = user.has_role("manager") or user.has_role("administrator")
    context = {
        "form": form,
        "page": page,
        "rows": [
            {
                "case": case,
                "service_title": titles.get(case.service_slug, case.service_slug),
                "due": long_date(case.due_date),
            }
            for case in page.object_list
        ],
        "counts": selectors_casework.queue_counts(user=user),
        "awaiting": selectors_casework.proposals_awaiting(user=user).count(),
        "query": urlencode(query),
        "is_manager": is_manager,
        "assign_form": AssignForm(people=_people(user), references=[]) if is_manager else None,
    }
    return render(request, "cases/staff/queue.html", context)


@staff_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    _can_work(request)
    references = request.POST.getlist("references")
    form = AssignForm(request.POST, people=_people(request.user), references=references)
    if not form.is_valid():
        messages.error(request, _("Choose who will handle the cases"))
        return redirect(_queue_url(request))
    assignee = get_user_model().objects.get(pk=form.cleaned_data["assignee"])
    try:
        count = work.cases_bulk_assign(references=references, assignee=assignee, by=request.user)
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(count)s cases assigned to %(name)s")
            % {"count": count, "name": assignee.full_name or assignee.email},
        )
    return redirect(_queue_url(request))


def _queue_url(request: HttpRequest) -> str:
    back = request.POST.get("back", "")
    url = reverse("cases:staff-queue")
    return f"{url}?{back}" if back and "//" not in back else url


def _case_context(request: HttpRequest, application: Application, **forms: Any) -> dict[str, Any]:
    service = service_spec(application.service_version)
    sent = application.submitted_at
    today = timezone.localdate(sent) if sent else timezone.localdate()
    checked = journey.check_stored(service, application.all_answers(), today=today)
    assessment = None if checked.errors else assess_values(service, checked.values, today=today)
    user = request.user
    allowed = service.workflow.allowed(application.status)
    proposal = selectors_casework.open_proposal(application=application)
    return {
        "application": application,
        "service": service,
        "service_title": tr(service.title),
        "status_label": ApplicationStatus(application.status).label,
        "due": long_date(application.due_date),
        "sections": answer_sections(service, checked),
        "amounts": amount_views(service, assessment) if assessment else [],
        "documents": list(application.documents.all()),
        "history": selectors_casework.case_history(application=application),
        "notes": selectors_casework.case_notes(application=application),
        "messages_list": selectors_casework.case_messages(application=application),
        "proposal": proposal,
        "can_confirm": proposal is not None and proposal.proposed_by_id != user.pk,
        "four_eyes": service.workflow.four_eyes,
        "transition_form": forms.get("transition_form")
        or (TransitionForm(allowed=allowed) if allowed and proposal is None else None),
        "note_form": forms.get("note_form") or TextForm(),
        "message_form": forms.get("message_form") or MessageForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "is_mine": application.assignee_id == user.pk,
        "is_manager": user.has_role("manager") or user.has_role("administrator"),
        "people": _people(user),
    }


def _log_view(request: HttpRequest, application: Application, purpose: str, ref: str) -> None:
    work.case_access_log(
        staff=request.user, application=application, purpose=purpose, object_ref=ref
    )


@never_cache
@staff_required
@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    _log_view(request, application, AccessPurpose.CASE_WORK, application.reference)
    work.case_messages_mark_read(application=application, reader=request.user)
    return render(request, "cases/staff/case.html", _case_context(request, application))


def _after(request: HttpRequest, application: Application) -> HttpResponse:
    return redirect("cases:staff-case", reference=application.reference)


def _invalid(request: HttpRequest, application: Application, **forms: Any) -> HttpResponse:
    context = _case_context(request, application, **forms)
    return render(request, "cases/staff/case.html", context, status=400)


@staff_required
@require_POST
def case_claim(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    try:
        work.case_claim(application=application, user=request.user)
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are now handling this case"))
    return _after(request, application)


@staff_required
@require_POST
def case_assign(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    form = AssignForm(request.POST, people=_people(request.user), references=[])
    if not form.is_valid():
        messages.error(request, _("Choose who will handle the case"))
        return _after(request, application)
    assignee = get_user_model().objects.get(pk=form.cleaned_data["assignee"])
    try:
        work.case_assign(application=application, assignee=assignee, by=request.user)
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Case assigned to %(name)s") % {"name": assignee.full_name or assignee.email}
        )
    return _after(request, application)


@staff_required
@require_POST
def case_transition(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    allowed = service_spec(application.service_version).workflow.allowed(application.status)
    form = TransitionForm(request.POST, allowed=allowed)
    if not form.is_valid():
        return _invalid(request, application, transition_form=form)
    try:
        result = work.case_transition(
            application=application,
            to=form.cleaned_data["to"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            conditions=form.cleaned_data["conditions"],
        )
    except work.CaseworkError as error:
        form.add_error(None, error.message)
        return _invalid(request, application, transition_form=form)
    if result.proposal is not None:
        messages.success(
            request, _("Your decision is waiting for a second member of staff to confirm it")
        )
    else:
        messages.success(
            request,
            _("The case is now: %(status)s")
            % {"status": ApplicationStatus(result.application.status).label},
        )
    return _after(request, application)


@staff_required
@require_POST
def proposal_confirm(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    proposal = selectors_casework.open_proposal(application=application)
    if proposal is None:
        raise Http404
    try:
        work.decision_confirm(proposal=proposal, by=request.user)
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Decision confirmed and sent to the resident"))
    return _after(request, application)


@staff_required
@require_POST
def proposal_return(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    proposal = selectors_casework.open_proposal(application=application)
    if proposal is None:
        raise Http404
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _invalid(request, application, return_form=form)
    try:
        work.decision_return(proposal=proposal, by=request.user, note=form.cleaned_data["note"])
    except work.CaseworkError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Decision sent back"))
    return _after(request, application)


@staff_required
@require_POST
def case_note(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    form = TextForm(request.POST)
    if not form.is_valid():
        return _invalid(request, application, note_form=form)
    work.case_note_add(application=application, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Note added"))
    return _after(request, application)


@staff_required
@require_POST
def case_message(request: HttpRequest, reference: str) -> HttpResponse:
    application = _case(request, reference)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _invalid(request, application, message_form=form)
    try:
        work.case_message_send(
            application=application, author=request.user, body=form.cleaned_data["body"]
        )
    except work.CaseworkError as error:
        form.add_error("body", error.message)
        return _invalid(request, application, message_form=form)
    messages.success(request, _("Message sent to the resident"))
    return _after(request, application)


@never_cache
@staff_required
@require_GET
def case_document(request: HttpRequest, reference: str, uid: str) -> FileResponse:
    application = _case(request, reference)
    document = selectors.document_get(application=application, uid=uid)
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    _log_view(request, application, AccessPurpose.DOCUMENT, f"{application.reference}/{uid}")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@never_cache
@staff_required
@require_GET
def awaiting_confirmation(request: HttpRequest) -> HttpResponse:
    _can_work(request)
    proposals = list(selectors_casework.proposals_awaiting(user=request.user)[:200])
    return render(request, "cases/staff/awaiting.html", {"proposals": proposals})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def assist(request: HttpRequest) -> HttpResponse:
    """Start an application with a resident who phoned or came to the counter."""
    _can_work(request)
    services = _service_choices(request.user)
    form = AssistForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = service_version_current(slug=data["service"])
        how = dict(form.fields["channel"].choices)[data["channel"]]
        try:
            if version is None:
                raise work.CaseworkError(_("This service is not available"))
            application = work.assisted_application_start(
                staff=request.user,
                service_version=version,
                email=data["email"],
                full_name=data["full_name"],
                consent_note=str(how),
            )
        except work.CaseworkError as error:
            form.add_error(None, error.message)
        else:
            return redirect(
                "cases:apply-resume", slug=application.service_slug, reference=application.reference
            )
    status = 400 if form.errors else 200
    return render(request, "cases/staff/assist.html", {"form": form}, status=status)
