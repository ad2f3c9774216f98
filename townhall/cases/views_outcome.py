"""The end of the journey: the confirmation, the exit offered when the rules
say no, and the one-question satisfaction survey asked on both."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from townhall.cases.forms import SatisfactionForm
from townhall.cases.i18n import tr
from townhall.cases.models import Application, JourneyEventKind, SurveyContext
from townhall.cases.services import satisfaction_record
from townhall.cases.summary import long_date, outcome_view
from townhall.cases.views import (
    SEEN_LIMIT,
    checked_and_assessed,
    count_once,
    journey_url,
    visitor_application,
)
from townhall.catalog.markdown import markdown_html
from townhall.catalog.selectors import service_spec

SESSION_FEEDBACK = "townhall_cases_feedback"  # surveys already answered in this session


def _feedback_given(request: HttpRequest, application: Application, context: str) -> bool:
    given = request.session.get(SESSION_FEEDBACK)
    return isinstance(given, list) and f"{application.reference}:{context}" in given


@never_cache
@require_GET
def apply_confirmation(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    if application.is_draft:
        return redirect(journey_url("apply-check", application))
    service = service_spec(application.service_version)
    context = {
        "application": application,
        "service_title": tr(service.title),
        "what_happens_next": markdown_html(service.what_happens_next),
        "due_date": long_date(application.due_date),
        "survey_form": SatisfactionForm(),
        "feedback_url": journey_url("apply-feedback", application),
        "feedback_given": _feedback_given(request, application, SurveyContext.CONFIRMATION),
    }
    return render(request, "cases/confirmation.html", context)


@never_cache
@require_GET
def apply_not_eligible(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    """The exit offered when the rules say no: the draft stays, and the survey is asked."""
    application = visitor_application(request, slug, reference)
    if not application.is_draft:
        return redirect(journey_url("apply-confirmation", application))
    service, _checked, assessment = checked_and_assessed(application)
    outcome = outcome_view(assessment) if assessment is not None else None
    if outcome is None or outcome.outcome != "not_eligible":
        return redirect(journey_url("apply-check", application))
    count_once(
        request,
        f"exit:{application.reference}",
        service_slug=slug,
        kind=JourneyEventKind.EXIT,
        outcome=outcome.outcome,
        channel=application.channel,
    )
    context = {
        "application": application,
        "service_title": tr(service.title),
        "outcome": outcome,
        "survey_form": SatisfactionForm(),
        "feedback_url": journey_url("apply-feedback", application),
        "feedback_given": _feedback_given(request, application, SurveyContext.EXIT),
        "check_url": journey_url("apply-check", application),
    }
    return render(request, "cases/not_eligible.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def apply_feedback(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    survey = SurveyContext.EXIT if application.is_draft else SurveyContext.CONFIRMATION
    thanks_url = journey_url("apply-feedback-thanks", application)
    form = SatisfactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not _feedback_given(request, application, survey):
            satisfaction_record(
                service_slug=slug,
                score=int(form.cleaned_data["score"]),
                comment=form.cleaned_data["comment"],
                context=survey,
            )
            given = request.session.get(SESSION_FEEDBACK)
            given = list(given) if isinstance(given, list) else []
            request.session[SESSION_FEEDBACK] = [*given, f"{reference}:{survey}"][-SEEN_LIMIT:]
        return redirect(thanks_url)
    service = service_spec(application.service_version)
    context = {
        "application": application,
        "service_title": tr(service.title),
        "survey_form": form,
        "form": form,
        "feedback_url": journey_url("apply-feedback", application),
    }
    return render(request, "cases/feedback.html", context)


@never_cache
@require_GET
def apply_feedback_thanks(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    application = visitor_application(request, slug, reference)
    service = service_spec(application.service_version)
    context = {
        "application": application,
        "service_title": tr(service.title),
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "cases/feedback_thanks.html", context)
