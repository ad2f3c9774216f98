"""The resident's journey through a service: one page of questions at a time,
"Check your answers", the declaration, the confirmation and the survey.

Every view that loads an application checks that it is the visitor's: their
account's, or, before they sign in, the draft their session started. Anything
else is a 404, never a 403, so that references cannot be probed.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from townhall.cases import journey, selectors
from townhall.cases.forms import DeclarationForm, PageForm, action_from
from townhall.cases.i18n import tr
from townhall.cases.models import Application, Channel, JourneyEventKind
from townhall.cases.services import (
    AnswersRejected,
    ApplicationError,
    ApplicationNotDraft,
    DocumentRejected,
    IdempotencyKeyReused,
    application_answers_save,
    application_claim,
    application_document_add,
    application_document_remove,
    application_start,
    application_submit,
    journey_event_record,
    upload_max_bytes,
)
from townhall.cases.summary import amount_views, answer_sections, outcome_view
from townhall.cases.uploads import SizeLimitUploadHandler
from townhall.catalog.definition import Page, Service, assess_values
from townhall.catalog.selectors import service_spec, service_version_current

SESSION_DRAFTS = "townhall_cases_drafts"  # {reference: slug}: drafts of a signed-out visitor
SESSION_SEEN = "townhall_cases_seen"  # journey events already counted in this session

SEEN_LIMIT = 300


# --- ownership ----------------------------------------------------------------


def _session_drafts(request: HttpRequest) -> dict[str, str]:
    drafts = request.session.get(SESSION_DRAFTS)
    return dict(drafts) if isinstance(drafts, dict) else {}


def claim_session_drafts(request: HttpRequest) -> None:
    """Give the drafts this browser started signed out to the account now signed in."""
    if not request.user.is_authenticated or SESSION_DRAFTS not in request.session:
        return
    for reference in _session_drafts(request):
        application = selectors.application_get(reference=reference)
        if application is not None and application.applicant_id is None:
            application_claim(application=application, user=request.user)
    del request.session[SESSION_DRAFTS]


def owns(request: HttpRequest, application: Application) -> bool:
    user = request.user
    if user.is_authenticated:
        if application.applicant_id == user.id:
            return True
        # Assisted digital: the member of staff filling it in with the resident.
        return application.assisted_by_id == user.id and user.is_staff_member and user.is_verified()
    return application.applicant_id is None and application.reference in _session_drafts(request)


def visitor_application(request: HttpRequest, slug: str, reference: str) -> Application:
    claim_session_drafts(request)
    application = selectors.application_get(reference=reference)
    if application is None or application.service_slug != slug or not owns(request, application):
        raise Http404
    return application


def count_once(request: HttpRequest, key: str, **event: Any) -> None:
    """Record a journey event once per session (a page reloaded is not a new visit)."""
    seen = request.session.get(SESSION_SEEN)
    seen = list(seen) if isinstance(seen, list) else []
    if key in seen:
        return
    journey_event_record(**event)
    request.session[SESSION_SEEN] = [*seen, key][-SEEN_LIMIT:]


# --- URLs -----------------------------------------------------------------------


def journey_url(name: str, application: Application, **kwargs: str) -> str:
    return reverse(
        f"cases:{name}",
        kwargs={"slug": application.service_slug, "reference": application.reference, **kwargs},
    )


def _page_url(application: Application, page: Page, *, back_to_check: bool = False) -> str:
    url = journey_url("apply-page", application, page_id=page.id)
    return f"{url}?return=check" if back_to_check else url


def _start_page_url(slug: str) -> str:
    # The catalogue's start page: a public URL (DESIGN.md), so it is stable.
    return f"/services/{slug}/"


def _resume_url(application: Application, service: Service) -> str:
    if not application.is_draft:
        return journey_url("apply-confirmation", application)
    checked = journey.check_stored(service, application.all_answers(), today=timezone.localdate())
    page = journey.first_incomplete_page(service, checked)
    return (
        _page_url(application, page)
        if page is not None
        else journey_url("apply-check", application)
    )


def _sign_in_url(next_url: str) -> str:
    return f"{reverse('accounts:sign-in')}?{urlencode({'next': next_url})}"


# --- start and resume ------------------------------------------------------------


@never_cache
@require_GET
def apply_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Resume the visitor's draft for this service, or start one."""
    version = service_version_current(slug=slug)
    if version is None:
        raise Http404
    claim_session_drafts(request)
    draft: Application | None = None
    if request.user.is_authenticated:
        draft = selectors.application_draft_latest(user=request.user, slug=slug)
    else:
        for reference, draft_slug in reversed(_session_drafts(request).items()):
            found = selectors.application_get(reference=reference)
            if draft_slug == slug and found is not None and found.is_draft and owns(request, found):
                draft = found
                break
    if draft is None:
        draft = application_start(
            service_version=version, applicant=request.user, channel=Channel.ONLINE
        )
        if not request.user.is_authenticated:
            request.session[SESSION_DRAFTS] = {**_session_drafts(request), draft.reference: slug}
    return redirect(_resume_url(draft, service_spec(draft.service_version)))


@never_cache
@require_GET
def apply_resume(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    return redirect(_resume_url(application, service_spec(application.service_version)))


# --- one page of questions ------------------------------------------------------------


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, slug: str, reference: str, page_id: str) -> HttpResponse:
    # The size limit must be in place before anything reads the request body,
    # and the CSRF check reads it: so the check runs inside, just after.
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request, limit=upload_max_bytes()))
    return _apply_page(request, slug, reference, page_id)


@csrf_protect
def _apply_page(request: HttpRequest, slug: str, reference: str, page_id: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    if not application.is_draft:
        return redirect(journey_url("apply-confirmation", application))
    service = service_spec(application.service_version)
    page = journey.page_by_id(service, page_id)
    if page is None:
        raise Http404
    today = timezone.localdate()
    stored = application.all_answers()
    checked = journey.check_stored(service, stored, today=today)
    back_to_check = request.GET.get("return") == "check"
    if page.id not in checked.pages:
        following = journey.page_after(service, checked, page.id)
        if following is None:
            return redirect(journey_url("apply-check", application))
        return redirect(_page_url(application, following, back_to_check=back_to_check))

    if request.method == "GET":
        count_once(
            request,
            f"page:{application.reference}:{page.id}",
            service_slug=slug,
            kind=JourneyEventKind.PAGE_REACHED,
            page_id=page.id,
            channel=application.channel,
        )
        form = PageForm.from_stored(
            service=service, page=page, stored=stored, context=checked, today=today
        )
        return _render_page(request, application, service, page, form, checked, back_to_check)

    form = PageForm.from_post(
        service=service, page=page, data=request.POST, stored=stored, context=checked, today=today
    )
    action = action_from(request.POST)
    try:
        upload_errors, changed = _uploads(request, application, form, action)
    except ApplicationNotDraft:
        return redirect(journey_url("apply-confirmation", application))
    if changed:
        application.refresh_from_db()
        stored = application.all_answers()
        for question in page.questions:
            if question.type == "file":
                form.set_files(question.id, list(stored.get(question.id) or []))

    if action.kind in ("add", "remove", "upload", "remove-file"):
        if action.kind == "add":
            form.add_item(action.question)
        elif action.kind == "remove" and action.argument.isdigit():
            form.remove_item(action.question, int(action.argument))
        form.add_errors(upload_errors)
        return _render_page(request, application, service, page, form, checked, back_to_check)

    updated = journey.check_stored(service, {**stored, **form.answers()}, today=today)
    errors = {**updated.errors_on(page), **upload_errors}
    if errors:
        form.add_errors(errors)
        return _render_page(request, application, service, page, form, checked, back_to_check)

    values = {
        q.id: journey.to_json(updated.values[q.id])
        for q in page.questions
        if q.id in updated.values
    }
    hidden = [q.id for q in page.questions if q.id not in updated.values]
    try:
        application_answers_save(application=application, answers=values, remove=hidden)
    except ApplicationNotDraft:
        return redirect(journey_url("apply-confirmation", application))
    following = journey.page_after(service, updated, page.id)
    if back_to_check or following is None:
        return redirect(journey_url("apply-check", application))
    return redirect(_page_url(application, following))


def _uploads(
    request: HttpRequest, application: Application, form: PageForm, action: Any
) -> tuple[dict[str, str], bool]:
    """Store the files sent with the page and remove the one asked; errors by question."""
    errors: dict[str, str] = {}
    changed = False
    handler = request.upload_handlers[0]
    too_big = handler.too_big if isinstance(handler, SizeLimitUploadHandler) else set()
    for question in form.page.questions:
        if question.type != "file":
            continue
        if question.id in too_big:
            limit = min(
                service_spec(application.service_version)
                .document(str(question.document))
                .max_bytes,
                upload_max_bytes(),
            )
            errors[question.id] = _("The selected file must be smaller than %(max)s MB") % {
                "max": limit // 2**20
            }
            continue
        for upload in request.FILES.getlist(question.id):
            try:
                application_document_add(
                    application=application, question_id=question.id, upload=upload
                )
                changed = True
            except DocumentRejected as exc:
                errors[question.id] = exc.message
                break
    if action.kind == "remove-file" and action.argument:
        application_document_remove(application=application, document_uid=action.argument)
        changed = True
    return errors, changed


def _render_page(
    request: HttpRequest,
    application: Application,
    service: Service,
    page: Page,
    form: PageForm,
    checked: Any,
    back_to_check: bool,
) -> HttpResponse:
    previous = journey.page_before(service, checked, page.id)
    if back_to_check:
        back_url = journey_url("apply-check", application)
    elif previous is not None:
        back_url = _page_url(application, previous)
    else:
        back_url = _start_page_url(application.service_slug)
    context = {
        "application": application,
        "service_title": tr(service.title),
        "page": page,
        "page_title": tr(page.title),
        "description": tr(page.description),
        "form": form,
        "error_list": form.error_list(),
        "back_url": back_url,
        "action_url": request.get_full_path(),
        "back_to_check": back_to_check,
        "signed_in": request.user.is_authenticated,
        "document_base_url": reverse(
            "cases:application-detail", kwargs={"reference": application.reference}
        )
        + "documents/",
    }
    return render(request, "cases/page.html", context)


# --- check your answers, declaration, confirmation ------------------------------------


def checked_and_assessed(application: Application) -> tuple[Service, Any, Any]:
    service = service_spec(application.service_version)
    today = timezone.localdate()
    checked = journey.check_stored(service, application.all_answers(), today=today)
    assessment = None if checked.errors else assess_values(service, checked.values, today=today)
    return service, checked, assessment


@never_cache
@require_GET
def apply_check(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    if not application.is_draft:
        return redirect(journey_url("apply-confirmation", application))
    service, checked, assessment = checked_and_assessed(application)
    incomplete = journey.first_incomplete_page(service, checked)
    if incomplete is not None or assessment is None:
        page = incomplete or journey.shown_pages(checked, service)[0]
        return redirect(_page_url(application, page, back_to_check=True))
    outcome = outcome_view(assessment)
    if outcome is not None:
        count_once(
            request,
            f"outcome:{application.reference}:{outcome.outcome}",
            service_slug=slug,
            kind=JourneyEventKind.ELIGIBILITY_OUTCOME,
            outcome=outcome.outcome,
            channel=application.channel,
        )

    def change_url(page_id: str, field_id: str) -> str:
        return f"{journey_url('apply-page', application, page_id=page_id)}?return=check#{field_id}"

    check_url = journey_url("apply-check", application)
    context = {
        "application": application,
        "service_title": tr(service.title),
        "sections": answer_sections(service, checked, change_url=change_url),
        "amounts": amount_views(service, assessment),
        "outcome": outcome,
        "signed_in": request.user.is_authenticated,
        "sign_in_url": _sign_in_url(check_url),
        "sign_up_url": f"{reverse('accounts:sign-up')}?{urlencode({'next': check_url})}",
        "declaration_url": journey_url("apply-declaration", application),
        "exit_url": journey_url("apply-not-eligible", application),
        "back_url": _page_url(application, journey.shown_pages(checked, service)[-1]),
    }
    return render(request, "cases/check.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def apply_declaration(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    check_url = journey_url("apply-check", application)
    if not request.user.is_authenticated:
        return redirect(_sign_in_url(check_url))
    if not application.is_draft and request.method == "GET":
        return redirect(journey_url("apply-confirmation", application))
    service = service_spec(application.service_version)
    if request.method == "POST":
        posted = DeclarationForm(request.POST)
        if not posted.is_valid():
            messages.error(request, _("The page had expired. Check your answers and send again."))
            return redirect(check_url)
        try:
            application_submit(
                application=application, idempotency_key=posted.cleaned_data["idempotency_key"]
            )
        except AnswersRejected:
            messages.error(
                request, _("Some answers are missing or wrong. Check them and send again.")
            )
            return redirect(check_url)
        except IdempotencyKeyReused:
            messages.error(request, _("The page had expired. Check your answers and send again."))
            return redirect(check_url)
        except ApplicationError as exc:
            # Already sent under another key (from another tab): say so, and show it.
            messages.info(request, exc.message)
        return redirect(journey_url("apply-confirmation", application))
    _service, checked, assessment = checked_and_assessed(application)
    if checked.errors or assessment is None:
        return redirect(check_url)  # which leads to the first page left to answer
    form = DeclarationForm(initial={"idempotency_key": uuid.uuid4().hex})
    context = {
        "application": application,
        "service_title": tr(service.title),
        "declaration_form": form,
        "back_url": check_url,
    }
    return render(request, "cases/declaration.html", context)
