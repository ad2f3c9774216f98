"""The safety operators' warning pages: the list, publishing (optionally from
an incident), one warning, and withdrawing it. The rules live in
services_incidents; a refusal is shown on the form and changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from townhall.core.geography import area_name
from townhall.safety import selectors
from townhall.safety.forms import WarningForm
from townhall.safety.models import Severity
from townhall.safety.services_incidents import SafetyError, warning_publish, warning_withdraw
from townhall.safety.views_staff import operator_required


@never_cache
@operator_required
@require_GET
def warning_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {"warning": warning, "area": area_name(warning.area), "state": _warning_state(warning, now)}
        for warning in selectors.warnings_recent()
    ]
    return render(request, "safety/staff/warnings.html", {"rows": rows})


def _warning_state(warning: Any, now: datetime) -> str:
    if warning.withdrawn_at is not None:
        return pgettext("hazard warning state", "Withdrawn")
    if warning.expires_at <= now:
        return pgettext("hazard warning state", "Expired")
    return pgettext("hazard warning state", "Current")


@never_cache
@operator_required
@require_http_methods(["GET", "POST"])
def warning_new(request: HttpRequest) -> HttpResponse:
    source = request.GET.get("incident") or request.POST.get("incident") or ""
    incident = selectors.incident_by_reference(reference=source) if source else None
    if source and incident is None:
        raise Http404
    initial: dict[str, Any] = {"hours": 12}
    if incident is not None:
        initial.update(
            area=incident.area,
            title=_("%(kind)s in %(area)s")
            % {"kind": incident.get_kind_display(), "area": area_name(incident.area)},
            severity=Severity.WATCH,
        )
    form = WarningForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            warning = warning_publish(
                area=data["area"],
                severity=data["severity"],
                title=data["title"],
                advice=data["advice"],
                hours=data["hours"],
                actor=request.user,
                incident=incident,
            )
        except SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Warning %(reference)s published") % {"reference": warning.reference}
            )
            return redirect("safety:staff-warning", reference=warning.reference)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "safety/staff/warning_new.html",
        {"form": form, "incident": incident},
        status=status,
    )


def _warning(reference: str) -> Any:
    warning = selectors.warning_by_reference(reference=reference)
    if warning is None:
        raise Http404
    return warning


@never_cache
@operator_required
@require_GET
def warning_detail(request: HttpRequest, reference: str) -> HttpResponse:
    warning = _warning(reference)
    context = {
        "warning": warning,
        "area": area_name(warning.area),
        "state": _warning_state(warning, timezone.now()),
    }
    return render(request, "safety/staff/warning.html", context)


@operator_required
@require_POST
def warning_withdraw_view(request: HttpRequest, reference: str) -> HttpResponse:
    warning = _warning(reference)
    try:
        warning_withdraw(warning=warning, actor=request.user)
    except SafetyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Warning %(reference)s withdrawn") % {"reference": warning.reference}
        )
    return redirect("safety:staff-warning", reference=warning.reference)
