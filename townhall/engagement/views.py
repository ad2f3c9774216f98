"""Public participatory-budgeting pages: the processes, a process in each
phase, project pages, proposing, supporting and commenting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from townhall.engagement import selectors
from townhall.engagement.forms import CommentForm, ProposalForm
from townhall.engagement.models import PBProcess, Phase, Project, ProjectStatus
from townhall.engagement.services import EngagementError
from townhall.engagement.services_proposals import (
    PhotoRejected,
    comment_add,
    project_edit,
    project_propose,
    support_add,
)


def _process(slug: str) -> PBProcess:
    process = selectors.process_get(slug=slug)
    if process is None:
        raise Http404
    return process


def _project(request: HttpRequest, process: PBProcess, pk: int) -> Project:
    project = selectors.project_get(process=process, pk=pk)
    # A hidden project is seen only by its author, who is told why.
    if project is None or (
        project.status == ProjectStatus.HIDDEN and project.author_id != request.user.pk
    ):
        raise Http404
    return project


@require_GET
def process_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "engagement/process_list.html", {"processes": selectors.processes_public()}
    )


@require_GET
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    districts = list(process.districts.all())
    voting = selectors.voting_districts_for(user=request.user, process=process)
    context = {
        "process": process,
        "districts": districts,
        "projects": selectors.projects_public(process=process),
        "voting_districts": voting,
        "voted": {d.pk for d in voting if selectors.has_voted(user=request.user, district=d)},
        "my_projects": selectors.projects_of_author(process=process, user=request.user)
        if request.user.is_authenticated
        else [],
        "Phase": Phase,
    }
    return render(request, "engagement/process_detail.html", context)


@require_GET
def project_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(slug)
    project = _project(request, process, pk)
    return render(request, "engagement/project_detail.html", _project_context(request, project))


def _project_context(
    request: HttpRequest, project: Project, comment_form: CommentForm | None = None
) -> dict[str, object]:
    process = project.district.process
    user = request.user
    return {
        "process": process,
        "project": project,
        "comments": project.comments.select_related("author"),
        "support_count": project.supports.count(),
        "supported": user.is_authenticated and project.supports.filter(user_id=user.pk).exists(),
        "updates": project.updates.all(),
        "form": comment_form or CommentForm(),
        "can_support": process.phase == Phase.PROPOSALS and project.status != ProjectStatus.HIDDEN,
        "can_comment": process.phase in (Phase.PROPOSALS, Phase.REVIEW, Phase.VOTING)
        and project.status != ProjectStatus.HIDDEN,
        "can_edit": user.is_authenticated
        and project.author_id == user.pk
        and process.phase == Phase.PROPOSALS,
        "Phase": Phase,
    }


@login_required
@require_POST
def project_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, _process(slug), pk)
    try:
        if support_add(project=project, user=request.user):
            messages.success(request, _("You support this idea"))
        else:
            messages.info(request, _("You already support this idea"))
    except EngagementError as error:
        messages.error(request, error.message)
    return redirect("engagement:project", slug=slug, pk=pk)


@login_required
@require_POST
def project_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, _process(slug), pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_add(project=project, author=request.user, text=form.cleaned_data["text"])
        except EngagementError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("Your comment was added"))
            return redirect("engagement:project", slug=slug, pk=pk)
    context = _project_context(request, project, form)
    return render(request, "engagement/project_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    process = _process(slug)
    if process.phase != Phase.PROPOSALS:
        messages.info(request, _("Proposals are closed in this process"))
        return redirect("engagement:process", slug=slug)
    form = ProposalForm(request.POST or None, request.FILES or None, process=process)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            project = project_propose(author=request.user, **data)
        except PhotoRejected as error:
            form.add_error("photo", error.message)
        except EngagementError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your idea was published"))
            return redirect("engagement:project", slug=slug, pk=project.pk)
    return render(
        request,
        "engagement/propose.html",
        {"process": process, "form": form, "editing": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(slug)
    project = _project(request, process, pk)
    if project.author_id != request.user.pk:
        raise Http404
    if process.phase != Phase.PROPOSALS:
        messages.info(request, _("Proposals can no longer be changed"))
        return redirect("engagement:project", slug=slug, pk=pk)
    initial = {
        "district": project.district_id,
        "title": project.title,
        "description": project.description,
        "category": project.category,
        "cost": project.cost,
        "address": project.address,
        "latitude": project.latitude,
        "longitude": project.longitude,
    }
    form = ProposalForm(
        request.POST or None, request.FILES or None, process=process, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("district")  # an idea stays in the district it was proposed for
        if data.get("photo") is None:
            data.pop("photo", None)
        try:
            project_edit(project=project, author=request.user, **data)
        except PhotoRejected as error:
            form.add_error("photo", error.message)
        except EngagementError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your idea was updated"))
            return redirect("engagement:project", slug=slug, pk=pk)
    return render(
        request,
        "engagement/propose.html",
        {"process": process, "form": form, "editing": project},
        status=400 if form.errors else 200,
    )


@require_GET
def project_photo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(request, _process(slug), pk)
    if not project.photo:
        raise Http404
    # Only JPEG and PNG are ever stored (checked by content on upload).
    content_type = "image/png" if project.photo.name.endswith(".png") else "image/jpeg"
    return FileResponse(project.photo.open("rb"), content_type=content_type)
