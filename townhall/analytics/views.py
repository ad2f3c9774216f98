"""Performance pages: public (small counts withheld) and the managers' dashboard.

Every chart is an SVG drawn on the server with its figures in a table beside it
and a CSV download of the same figures, so nothing needs JavaScript.
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.accounts.decorators import staff_required
from townhall.analytics import charts, kpis, selectors, services
from townhall.analytics.forms import MonthlyFiguresForm
from townhall.analytics.kpis import PeriodFigures

# (figure, heading, kind, top of the scale); kind picks the formatting.
CHARTS = (
    ("completion_rate", gettext_lazy("Completion rate"), "rate", 1.0),
    ("satisfaction", gettext_lazy("User satisfaction"), "rate", 1.0),
    ("digital_take_up", gettext_lazy("Digital take-up"), "rate", 1.0),
    ("cost_per_transaction", gettext_lazy("Cost per transaction"), "money", None),
    ("median_days", gettext_lazy("Processing time, median (days)"), "days", None),
    ("p90_days", gettext_lazy("Processing time, 90th percentile (days)"), "days", None),
    ("sla_compliance", gettext_lazy("Decided on time"), "rate", 1.0),
    ("backlog", gettext_lazy("Backlog (cases waiting at the end of the period)"), "count", None),
)
CSV_FIELDS = [name for name in PeriodFigures.__dataclass_fields__ if name != "suppressed"]


def _text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "rate":
        # number_format cuts decimals off rather than rounding them.
        return f"{formats.number_format(round(value * 100), 0)}%"
    if kind == "days":
        return formats.number_format(round(value, 1), 1)
    if kind == "money":
        return formats.number_format(value, 2, force_grouping=True)
    return formats.number_format(value, 0, force_grouping=True)


def _label(figures: PeriodFigures, granularity: str) -> str:
    if granularity == kpis.MONTH:
        return formats.date_format(figures.start, "M Y")
    return formats.date_format(figures.start, "j M")


def _granularity(request: HttpRequest) -> str:
    by = request.GET.get("by", kpis.MONTH)
    if by not in kpis.GRANULARITIES:
        raise Http404
    return by


def _figures(performance: selectors.ServicePerformance, public: bool) -> list[PeriodFigures]:
    minimum = selectors.min_public_count()
    if not public:
        return performance.periods
    return [kpis.suppress_small(figures, minimum) for figures in performance.periods]


def _charts(figures: list[PeriodFigures], granularity: str) -> list[dict[str, Any]]:
    drawn = []
    for name, heading, kind, top in CHARTS:
        if granularity == kpis.WEEK and name in ("digital_take_up", "cost_per_transaction"):
            continue  # entered per month only
        points = []
        for period in figures:
            value = getattr(period, name)
            number = None if value is None else float(value)
            points.append((_label(period, granularity), number, _text(value, kind)))
        fmt = "{:.0%}" if kind == "rate" else "{:g}"
        drawn.append(
            {
                "id": name.replace("_", "-"),
                "heading": heading,
                "chart": charts.bar_chart(points, top=top, tick_format=fmt),
            }
        )
    return drawn


def _detail(request: HttpRequest, slug: str, *, public: bool) -> HttpResponse:
    service = selectors.service_published(slug=slug)
    if service is None:
        raise Http404
    granularity = _granularity(request)
    performance = selectors.performance(service=service, granularity=granularity)
    figures = _figures(performance, public)
    exits = performance.exits
    # Public estimates rest on the same withheld figures as the charts.
    impacts = selectors.impacts(
        performance=selectors.ServicePerformance(
            performance.service, granularity, figures, performance.exits
        )
    )
    if public and exits and exits[1] < selectors.min_public_count():
        exits = None
    if exits:
        exits = (service.page_title(exits[0]), exits[1])
    return render(
        request,
        "analytics/service.html",
        {
            "service": service,
            "public": public,
            "granularity": granularity,
            "charts": _charts(figures, granularity),
            "figures": figures,
            "exits": exits,
            "impacts": impacts,
            **_demand_context(service, public),
            "any_suppressed": any(f.suppressed for f in figures),
            "minimum": selectors.min_public_count(),
        },
    )


def _demand_context(service: selectors.ServiceRef, public: bool) -> dict[str, Any]:
    if public:
        return {"demand": None}
    demand = selectors.demand(service=service)
    forecast = demand.forecast
    rows = []
    if forecast is not None:
        for i, week in enumerate(demand.weeks):
            hours = demand.hours[i] if demand.hours else None
            rows.append(
                {"week": week, "mean": forecast.mean[i], "low": forecast.low[i],
                 "high": forecast.high[i], "hours": hours}
            )  # fmt: skip
    methods = {
        "exponential smoothing": _("exponential smoothing"),
        "seasonal naive": _("repeating the last season"),
    }
    return {
        "demand": demand,
        "demand_rows": rows,
        "demand_method": methods[forecast.method] if forecast else "",
    }


def _csv(request: HttpRequest, slug: str, *, public: bool) -> HttpResponse:
    service = selectors.service_published(slug=slug)
    if service is None:
        raise Http404
    granularity = _granularity(request)
    performance = selectors.performance(service=service, granularity=granularity)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{granularity}.csv"'
    writer = csv.DictWriter(response, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for figures in _figures(performance, public):
        row = asdict(figures)
        writer.writerow({key: "" if row[key] is None else row[key] for key in CSV_FIELDS})
    return response


def _overview(public: bool) -> list[dict[str, Any]]:
    rows = []
    minimum = selectors.min_public_count()
    for service in [None, *selectors.services_published()]:
        latest = selectors.performance(service=service, granularity=kpis.MONTH, count=1)
        figures = latest.periods[-1]
        if public:
            figures = kpis.suppress_small(figures, minimum)
        rows.append(
            {
                "service": service,
                "figures": figures,
                "cells": [
                    _text(getattr(figures, name), kind)
                    for name, _h, kind, _t in CHARTS
                    if name in ("completion_rate", "satisfaction", "digital_take_up", "backlog")
                ],
            }
        )
    return rows


def performance_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "analytics/index.html",
        {"rows": _overview(public=True), "public": True, "title": _("Service performance")},
    )


def performance_service(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, slug, public=True)


def performance_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _csv(request, slug, public=True)


@staff_required(role="manager")
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "analytics/index.html",
        {"rows": _overview(public=False), "public": False, "title": _("Performance dashboard")},
    )


@staff_required(role="manager")
def staff_service(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, slug, public=False)


@staff_required(role="manager")
def staff_csv(request: HttpRequest, slug: str) -> HttpResponse:
    return _csv(request, slug, public=False)


@staff_required(role="manager")
def staff_figures(request: HttpRequest, slug: str) -> HttpResponse:
    """Enter a month's paper and phone transactions and running cost."""
    service = selectors.service_published(slug=slug)
    if service is None:
        raise Http404
    form = MonthlyFiguresForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # Both figures or neither: a rejected cost must not leave the count saved.
            with transaction.atomic():
                if data["offline"] is not None:
                    services.offline_transactions_set(
                        service_slug=slug, month=data["month"], count=data["offline"],
                        actor=request.user,
                    )  # fmt: skip
                if data["minutes"] is not None:
                    services.handling_time_set(
                        service_slug=slug, minutes=data["minutes"], actor=request.user
                    )
                if (data["cost"] or "").strip():
                    services.service_cost_set(
                        service_slug=slug, month=data["month"], amount=data["cost"],
                        actor=request.user,
                    )  # fmt: skip
        except services.FigureRejected as exc:
            form.add_error("cost", str(exc))
        else:
            messages.success(request, _("The figures were saved."))
            return redirect("analytics:staff-service", slug=slug)
    return render(request, "analytics/figures.html", {"service": service, "form": form})
