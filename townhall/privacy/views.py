"""A resident's own access log: who looked at their data, when and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from townhall.accounts.roles import ROLE_LABELS, Role
from townhall.privacy.access import access_log_for


@never_cache
@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    entries = access_log_for(subject=request.user)
    rows = [
        {
            "entry": entry,
            "role": ROLE_LABELS[Role(entry.role)]
            if entry.role in Role.__members__.values()
            else entry.role,
        }
        for entry in entries
    ]
    return render(request, "privacy/access_log.html", {"rows": rows})
