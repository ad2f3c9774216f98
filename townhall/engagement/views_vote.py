"""Voting pages: the ballot (with its running total drawn by the server, so
it works without JavaScript), the receipt, "check your ballot", the results
and the published anonymous ballots."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from townhall.engagement import selectors
from townhall.engagement.ballots import selection_total
from townhall.engagement.forms import ReceiptForm
from townhall.engagement.models import District, Phase, Project, VoteType
from townhall.engagement.services import (
    EngagementError,
    NotEligible,
    ballot_cast,
    ballot_counted,
    ballot_limits,
    choices_from_form,
    voter_eligibility_check,
)

SESSION_RECEIPT = "townhall_pb_receipt"


def _district(slug: str, district_slug: str) -> District:
    process = selectors.process_get(slug=slug)
    district = (
        selectors.district_get(process=process, slug=district_slug) if process is not None else None
    )
    if district is None:
        raise Http404
    return district


def ballot_context(
    district: District, data: Any, *, errors: list[str] | None = None
) -> dict[str, Any]:
    """The ballot page's projects, what is ticked and the running total."""
    process = district.process
    projects = selectors.ballot_projects(district=district)
    limits = ballot_limits(district)
    chosen: list[str] = []
    values: dict[str, str] = {}
    if data:
        try:
            picked = choices_from_form(process, data)
        except EngagementError as error:
            picked = []
            errors = [*(errors or []), error.message]
        if isinstance(picked, dict):
            values = {str(k): str(v) for k, v in picked.items()}
            chosen = list(values)
        else:
            chosen = [str(p) for p in picked]
        if process.vote_type == VoteType.ORDINAL:
            values = {pid: str(i) for i, pid in enumerate(chosen, start=1)}
    total = selection_total(limits, chosen)
    points_used = sum(int(v) for v in values.values() if v.isdigit())
    return {
        "process": process,
        "district": district,
        "rows": [_row(project, chosen, values) for project in projects],
        "total": total,
        "remaining": district.budget - total,
        "over": total - district.budget,
        "over_budget": limits.budget is not None and total > limits.budget,
        "chosen_count": len(chosen),
        "points_used": points_used,
        "errors": errors or [],
        "VoteType": VoteType,
    }


def _row(project: Project, chosen: list[str], values: dict[str, str]) -> dict[str, Any]:
    pid = str(project.pk)
    return {"project": project, "checked": pid in chosen, "value": values.get(pid, "")}


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    district = _district(slug, district_slug)
    process = district.process
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if process.phase != Phase.VOTING:
        return render(request, "engagement/vote_closed.html", {"process": process}, status=409)
    try:
        voter_eligibility_check(user=request.user, district=district)
    except NotEligible as error:
        # 403 with the reason: the person knows where they live, so saying
        # which rule stopped them gives nothing away.
        context = {"process": process, "district": district, "reason": error.message}
        return render(request, "engagement/not_eligible.html", context, status=403)
    voted = selectors.has_voted(user=request.user, district=district)
    if request.method == "GET":
        context = ballot_context(district, None)
        return render(request, "engagement/vote.html", {**context, "voted": voted})
    if request.POST.get("action") != "cast":
        # "Update total": the same page with the sums done by the server.
        context = ballot_context(district, request.POST)
        context["receipt_code"] = request.POST.get("receipt_code", "")
        return render(request, "engagement/vote.html", {**context, "voted": voted})
    try:
        code = ballot_cast(
            user=request.user,
            district=district,
            choices=choices_from_form(process, request.POST),
            receipt_code=request.POST.get("receipt_code", ""),
        )
    except EngagementError as error:
        context = ballot_context(district, request.POST, errors=[error.message])
        context["receipt_code"] = ""
        return render(request, "engagement/vote.html", {**context, "voted": voted}, status=400)
    # Shown once, on the next page, then forgotten.
    request.session[SESSION_RECEIPT] = {"district": district.pk, "code": code}
    return redirect("engagement:receipt", slug=slug, district_slug=district_slug)


@never_cache
@require_GET
def receipt(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    district = _district(slug, district_slug)
    stored = request.session.pop(SESSION_RECEIPT, None)
    if not isinstance(stored, dict) or stored.get("district") != district.pk:
        return redirect("engagement:check", slug=slug, district_slug=district_slug)
    return render(
        request,
        "engagement/receipt.html",
        {"process": district.process, "district": district, "code": stored["code"]},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    district = _district(slug, district_slug)
    form = ReceiptForm(request.POST or None)
    found: bool | None = None
    if request.method == "POST" and form.is_valid():
        found = ballot_counted(district=district, code=form.cleaned_data["code"])
    return render(
        request,
        "engagement/check.html",
        {
            "process": district.process,
            "district": district,
            "form": form,
            "found": found,
            "ballot_count": district.ballots.count(),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def receipts_txt(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    """Every counted ballot's receipt hash, sorted: a voter (or anyone) can
    check that sha256(code) is among them without the site's help."""
    district = _district(slug, district_slug)
    if district.process.phase not in (Phase.VOTING, Phase.RESULTS, Phase.CLOSED):
        raise Http404
    hashes = selectors.ballot_hashes(district=district).values_list("receipt_hash", flat=True)
    return HttpResponse(
        "".join(f"{h}\n" for h in hashes.iterator(chunk_size=5000)),
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def results(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    district = _district(slug, district_slug)
    result = selectors.result_get(district=district)
    if result is None or district.process.phase not in (Phase.RESULTS, Phase.CLOSED):
        return render(
            request,
            "engagement/results_pending.html",
            {"process": district.process, "district": district},
            status=404,
        )
    view = selectors.results_view(district=district, result=result)
    return render(
        request,
        "engagement/results.html",
        {"process": district.process, "district": district, "result": result, **view},
    )


@require_GET
def ballots_pb(request: HttpRequest, slug: str, district_slug: str) -> HttpResponse:
    district = _district(slug, district_slug)
    if district.process.phase not in (Phase.RESULTS, Phase.CLOSED):
        raise Http404
    text = selectors.result_pb(district=district)
    if text is None:
        raise Http404
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = f"{district.process.slug}-{district.slug}.pb"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
