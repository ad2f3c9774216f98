"""Public safety pages: current hazard warnings, one warning, and a signed-in
resident's choice of areas to be warned about. No sign-in is needed to read
a warning."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from townhall.core.geography import area_name, city_geojson
from townhall.safety import map_svg, selectors
from townhall.safety.forms import SubscriptionForm
from townhall.safety.services_incidents import SafetyError, subscriptions_set


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    warnings = list(selectors.warnings_current(now=now))
    areas = sorted({warning.area for warning in warnings})
    context = {
        "rows": [{"warning": warning, "area": area_name(warning.area)} for warning in warnings],
        "map": map_svg.city_map(city_geojson(), width=360, highlight=areas),
        "area_names": [area_name(slug) for slug in areas],
    }
    return render(request, "safety/index.html", context)


@require_GET
def warning_detail(request: HttpRequest, reference: str) -> HttpResponse:
    warning = selectors.warning_by_reference(reference=reference)
    if warning is None:
        raise Http404
    now = timezone.now()
    context = {
        "warning": warning,
        "area": area_name(warning.area),
        "withdrawn": warning.withdrawn_at is not None,
        "expired": warning.withdrawn_at is None and warning.expires_at <= now,
        "map": map_svg.city_map(city_geojson(), width=360, highlight=[warning.area]),
    }
    return render(request, "safety/warning.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request: HttpRequest) -> HttpResponse:
    # Always the signed-in person's own subscriptions: no user id is taken
    # from the request, so no one can change another resident's.
    current = selectors.subscribed_areas(user=request.user)
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None, initial={"areas": current}
    )
    if request.method == "POST" and form.is_valid():
        try:
            chosen = subscriptions_set(user=request.user, area_slugs=form.cleaned_data["areas"])
        except SafetyError as error:
            form.add_error("areas", str(error))
        else:
            if chosen:
                messages.success(
                    request,
                    _("You will get warnings for: %(areas)s")
                    % {"areas": ", ".join(area_name(slug) for slug in chosen)},
                )
            else:
                messages.success(request, _("You will not get warnings for any area"))
            return redirect("safety:subscriptions")
    status = 400 if form.is_bound else 200
    return render(request, "safety/subscriptions.html", {"form": form}, status=status)
