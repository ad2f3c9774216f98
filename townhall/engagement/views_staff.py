"""Staff pages for participatory budgeting: phases, moderation and review,
paper ballots with their second check, counting, implementation updates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from townhall.accounts.decorators import staff_required
from townhall.engagement import selectors
from townhall.engagement.forms import (
    CommentHideForm,
    HideForm,
    MergeForm,
    PhaseForm,
    ReviewForm,
    UpdateForm,
)
from townhall.engagement.models import PaperBallot, PBProcess, Project
from townhall.engagement.services import (
    EngagementError,
    choices_from_form,
    paper_ballot_confirm,
    paper_ballot_enter,
    process_phase_set,
)
from townhall.engagement.services_proposals import (
    comment_hide,
    project_hide,
    project_merge,
    project_review,
    project_update_add,
)
from townhall.engagement.services_results import results_compute
from townhall.engagement.views_vote import ballot_context

ROLE = "manager"


def _process(slug: str) -> PBProcess:
    process = selectors.process_get(slug=slug)
    if process is None:
        raise Http404
    return process


@staff_required(role=ROLE)
@require_GET
def staff_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "engagement/staff/index.html", {"processes": selectors.processes_public()}
    )


@staff_required(role=ROLE)
@require_GET
def staff_process(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    context = {
        "process": process,
        "phase_form": PhaseForm(initial={"phase": process.phase}),
        "districts": list(process.districts.all()),
        "projects": Project.objects.filter(district__process=process).select_related("district"),
        "pending": PaperBallot.objects.filter(
            district__process=process, confirmed_at__isnull=True
        ).select_related("district", "entered_by"),
    }
    return render(request, "engagement/staff/process.html", context)


@staff_required(role=ROLE)
@require_POST
def staff_phase(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    form = PhaseForm(request.POST)
    if form.is_valid():
        process_phase_set(process=process, phase=form.cleaned_data["phase"], actor=request.user)
        messages.success(request, _("The phase was changed"))
    return redirect("engagement:staff-process", slug=slug)


@staff_required(role=ROLE)
@require_POST
def staff_count(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    process = _process(slug)
    district = selectors.district_get(process=process, slug=district_slug)
    if district is None:
        raise Http404
    try:
        results_compute(district=district, actor=request.user)
    except EngagementError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The votes were counted and the result logged in the ledger"))
    return redirect("engagement:staff-process", slug=slug)


@staff_required(role=ROLE)
@require_http_methods(["GET", "POST"])
def staff_paper(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    process = _process(slug)
    district = selectors.district_get(process=process, slug=district_slug)
    if district is None:
        raise Http404
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "cast":
        try:
            paper_ballot_enter(
                staff=request.user,
                district=district,
                choices=choices_from_form(process, request.POST),
            )
        except EngagementError as error:
            errors.append(error.message)
        else:
            messages.success(
                request, _("Paper ballot entered: another member of staff must confirm it")
            )
            return redirect("engagement:staff-process", slug=slug)
    context = ballot_context(district, request.POST or None, errors=errors)
    return render(request, "engagement/staff/paper.html", context, status=400 if errors else 200)


@staff_required(role=ROLE)
@require_POST
def staff_paper_confirm(request: HttpRequest, slug: str, ballot_id: str) -> HttpResponse:
    _process(slug)
    try:
        paper_ballot_confirm(staff=request.user, paper_ballot_id=ballot_id)
    except EngagementError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Paper ballot confirmed: it now counts"))
    return redirect("engagement:staff-process", slug=slug)


def _staff_project(slug: str, pk: int) -> Project:
    project = selectors.project_get(process=_process(slug), pk=pk)
    if project is None:
        raise Http404
    return project


@staff_required(role=ROLE)
@require_http_methods(["GET", "POST"])
def staff_project(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _staff_project(slug, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        # Prefixed: four forms on one page must not share field ids.
        "review": ReviewForm(
            request.POST if action == "review" else None,
            initial={"cost": project.cost},
            prefix="review",
        ),
        "hide": HideForm(request.POST if action == "hide" else None, prefix="hide"),
        "merge": MergeForm(
            request.POST if action == "merge" else None, project=project, prefix="merge"
        ),
        "update": UpdateForm(request.POST if action == "update" else None, prefix="update"),
        "hide_comment": CommentHideForm(
            request.POST if action == "hide_comment" else None,
            project=project,
            prefix="comment",
        ),
    }
    form = forms.get(action or "")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "review":
                project_review(
                    project=project,
                    staff=request.user,
                    eligible=data["decision"] == "eligible",
                    reason=data["reason"],
                    cost=data.get("cost"),
                )
            elif action == "hide":
                project_hide(project=project, staff=request.user, reason=data["reason"])
            elif action == "hide_comment":
                comment_hide(comment=data["comment"], staff=request.user, reason=data["reason"])
            elif action == "merge":
                project_merge(
                    project=project, into=data["into"], staff=request.user, reason=data["reason"]
                )
            else:
                project_update_add(
                    project=project, staff=request.user, status=data["status"], text=data["text"]
                )
        except EngagementError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The project was updated"))
            return redirect("engagement:staff-project", slug=slug, pk=pk)
    return render(
        request,
        "engagement/staff/project.html",
        {"process": project.district.process, "project": project, **forms},
        status=400 if form is not None and form.errors else 200,
    )
