"""The safety operators' pages: the live incident list, an incident and its
workflow, opening one by hand, the map, sensors, response times, warnings.

Every page needs a safety operator (or an administrator) signed in with their
second factor. The workflow's rules live in services_incidents; a refusal
from it is shown as an error summary and changes nothing.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from townhall.accounts.decorators import staff_required
from townhall.core.geography import area_name, city_geojson
from townhall.safety import charts, map_svg, selectors
from townhall.safety.forms import (
    DispatchForm,
    IncidentOpenForm,
    PeriodForm,
    ResolveForm,
)
from townhall.safety.models import Incident, IncidentKind, IncidentStatus
from townhall.safety.services_incidents import (
    TRANSITIONS,
    SafetyError,
    incident_open,
    incident_transition,
)

operator_required = staff_required(role="safety_operator")
S = IncidentStatus
STEP_LABELS = {
    "acknowledged_at": gettext_lazy("Acknowledged"),
    "dispatched_at": gettext_lazy("Dispatched"),
    "on_scene_at": gettext_lazy("On scene"),
    "resolved_at": gettext_lazy("Resolved"),
}


def _incident_row(incident: Incident) -> dict[str, Any]:
    return {
        "incident": incident,
        "kind": incident.get_kind_display(),
        "area": area_name(incident.area) if incident.area else _("No area"),
        "status": incident.get_status_display(),
    }


def _live_context() -> dict[str, Any]:
    now = timezone.now()
    return {
        "now": now,
        "rows": [_incident_row(incident) for incident in selectors.incidents_open()],
        "alerts": list(selectors.alerts_latest(limit=10)),
    }


@never_cache
@operator_required
@require_GET
def live(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/staff/live.html", _live_context())


@never_cache
@operator_required
@require_GET
def live_fragment(request: HttpRequest) -> HttpResponse:
    """The live page's tables alone, which its script fetches every few seconds."""
    return render(request, "safety/staff/includes/live_tables.html", _live_context())


# --- one incident -----------------------------------------------------------

ACTIONS = {
    S.ACKNOWLEDGED: gettext_lazy("Acknowledge"),
    S.DISPATCHED: gettext_lazy("Dispatch a unit"),
    S.ON_SCENE: gettext_lazy("Unit is on scene"),
    S.RESOLVED: gettext_lazy("Resolve"),
}


def _incident(reference: str) -> Incident:
    incident = selectors.incident_by_reference(reference=reference)
    if incident is None:
        raise Http404
    return incident


def _incident_page(
    request: HttpRequest, incident: Incident, *, failed: Any = None, status: int = 200
) -> HttpResponse:
    allowed = TRANSITIONS[incident.status]
    forms_by_action: dict[str, Any] = {
        S.DISPATCHED: DispatchForm(),
        S.RESOLVED: ResolveForm(),
    }
    if failed is not None:
        forms_by_action[failed[0]] = failed[1]
    actions = [
        {"status": to, "label": ACTIONS[to], "form": forms_by_action.get(to)} for to in allowed
    ]
    context = {
        **_incident_row(incident),
        "source": incident.get_source_display(),
        "alerts": list(selectors.incident_alerts(incident=incident)),
        "history": [
            {"event": event, "to": S(event.to_status).label if event.to_status in S.values else ""}
            for event in selectors.incident_history(incident=incident)
        ],
        "warnings": list(incident.warnings.order_by("-published_at")),
        "actions": actions,
        "form": failed[1] if failed is not None else None,
    }
    return render(request, "safety/staff/incident.html", context, status=status)


@never_cache
@operator_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: HttpRequest, reference: str) -> HttpResponse:
    incident = _incident(reference)
    if request.method == "GET":
        return _incident_page(request, incident)
    action = request.POST.get("action", "")
    form: django_forms.Form
    if action == S.DISPATCHED:
        form = DispatchForm(request.POST)
    elif action == S.RESOLVED:
        form = ResolveForm(request.POST)
    else:
        form = django_forms.Form(request.POST)
    if action not in ACTIONS:
        form.is_valid()
        form.add_error(None, _("Choose one of the actions on the page"))
    elif form.is_valid():
        try:
            incident_transition(
                incident=incident,
                to_status=action,
                actor=request.user,
                unit=form.cleaned_data.get("unit", ""),
                eta=form.cleaned_data.get("eta"),
                note=form.cleaned_data.get("note", ""),
            )
        except SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(reference)s is now %(status)s")
                % {"reference": incident.reference, "status": S(action).label.lower()},
            )
            return redirect("safety:staff-incident", reference=incident.reference)
    incident.refresh_from_db()
    key = action if action in ACTIONS else "unknown"
    return _incident_page(request, incident, failed=(key, form), status=400)


@never_cache
@operator_required
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest) -> HttpResponse:
    form = IncidentOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = incident_open(
                kind=data["kind"],
                area=data["area"],
                summary=data["summary"],
                source=data["source"],
                actor=request.user,
            )
        except SafetyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Incident %(reference)s opened") % {"reference": incident.reference}
            )
            return redirect("safety:staff-incident", reference=incident.reference)
    status = 400 if form.is_bound else 200
    return render(request, "safety/staff/incident_new.html", {"form": form}, status=status)


# --- the map ----------------------------------------------------------------


def _map_features() -> dict[str, Any]:
    now = timezone.now()
    sensors = selectors.sensors_with_state(now=now)
    incidents = []
    for incident in selectors.incidents_open():
        position = selectors.incident_position(incident)
        incidents.append({**_incident_row(incident), "position": position})
    return {"sensors": sensors, "incidents": incidents}


@never_cache
@operator_required
@require_GET
def city_map(request: HttpRequest) -> HttpResponse:
    features = _map_features()
    # Incidents first, so that the sensor that opened one is drawn on top of it.
    markers = [
        map_svg.MarkerIn(*item["position"], item["incident"].reference, "incident")
        for item in features["incidents"]
        if item["position"] is not None
    ]
    markers += [
        map_svg.MarkerIn(
            row.sensor.longitude,
            row.sensor.latitude,
            row.sensor.name,
            "alerting" if row.alerting else "normal",
        )
        for row in features["sensors"]
    ]
    context = {
        **features,
        "map": map_svg.city_map(city_geojson(), markers=markers),
        "alerting_count": sum(1 for row in features["sensors"] if row.alerting),
    }
    return render(request, "safety/staff/map.html", context)


@operator_required
@require_GET
def city_geojson_view(request: HttpRequest) -> JsonResponse:
    """The base layer for Leaflet: the bundled city map, served from here so
    that no tile server or outside address is needed."""
    response = JsonResponse(city_geojson())
    response["Cache-Control"] = "private, max-age=3600"
    return response


@never_cache
@operator_required
@require_GET
def map_features(request: HttpRequest) -> JsonResponse:
    features = _map_features()
    return JsonResponse(
        {
            "sensors": [
                {
                    "code": row.sensor.code,
                    "latitude": row.sensor.latitude,
                    "longitude": row.sensor.longitude,
                    "state": "alerting" if row.alerting else "normal",
                    "label": _("%(name)s (%(kind)s): %(state)s")
                    % {
                        "name": row.sensor.name,
                        "kind": row.sensor.get_kind_display(),
                        "state": _("alerting") if row.alerting else _("normal"),
                    },
                    "url": reverse("safety:staff-sensor", args=[row.sensor.code]),
                }
                for row in features["sensors"]
            ],
            "incidents": [
                {
                    "reference": item["incident"].reference,
                    "longitude": item["position"][0],
                    "latitude": item["position"][1],
                    "label": _("%(reference)s: %(kind)s in %(area)s, %(status)s")
                    % {
                        "reference": item["incident"].reference,
                        "kind": item["kind"],
                        "area": item["area"],
                        "status": item["status"].lower(),
                    },
                    "url": reverse("safety:staff-incident", args=[item["incident"].reference]),
                }
                for item in features["incidents"]
                if item["position"] is not None
            ],
        }
    )


# --- sensors ----------------------------------------------------------------


@never_cache
@operator_required
@require_GET
def sensor_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.sensors_with_state(now=timezone.now())
    return render(request, "safety/staff/sensors.html", {"rows": rows})


def _moment(second: int) -> datetime:
    return datetime.fromtimestamp(second, tz=UTC)


def _clock(second: int) -> str:
    return formats.date_format(timezone.localtime(_moment(second)), "j M H:i")


def _forecast_rows(sensor: Any) -> tuple[Any, list[tuple[int, float, float, float]]]:
    forecast = selectors.sensor_forecast_cached(sensor=sensor, now=timezone.now().timestamp())
    if forecast is None:
        return None, []
    points = [
        (int(hour.timestamp()), mean, lower, upper)
        for hour, mean, lower, upper in zip(
            forecast.hours, forecast.mean, forecast.lower, forecast.upper, strict=True
        )
    ]
    return forecast, points


@never_cache
@operator_required
@require_GET
def sensor_detail(request: HttpRequest, code: str) -> HttpResponse:
    sensor = selectors.sensor_by_code(code=code)
    if sensor is None:
        raise Http404
    end = int(timezone.now().timestamp())
    window = int(timedelta(hours=48).total_seconds())
    readings = selectors.sensor_readings(sensor=sensor, since=end - window, until=end)
    if not readings and sensor.last_ts is not None:
        # A sensor that went quiet: show its last 48 hours rather than nothing.
        end = sensor.last_ts
        readings = selectors.sensor_readings(sensor=sensor, since=end - window, until=end)
    forecast, points = _forecast_rows(sensor)
    thresholds = [
        (value, label)
        for value, label in (
            (sensor.threshold_high, _("upper threshold")),
            (sensor.threshold_low, _("lower threshold")),
        )
        if value is not None
    ]
    chart = None
    if readings or points:
        chart = charts.line_chart(
            readings,
            start=end - window,
            end=end,
            time_label=_clock,
            thresholds=thresholds,
            forecast=points,
            gap=sensor.expected_interval_s * 3,
        )
    last = readings[-1] if readings else None
    context = {
        "sensor": sensor,
        "area": area_name(sensor.area) if sensor.area else "",
        "chart": chart,
        "readings": [(_clock(ts), value) for ts, value in readings],
        "last_reading": (_moment(last[0]), last[1]) if last else None,
        "forecast": forecast,
        "forecast_rows": [(_clock(ts), mean, lower, upper) for ts, mean, lower, upper in points],
        "alerts": list(selectors.sensor_alerts(sensor=sensor)),
        "alerting": sensor.pk in selectors.alerting_sensor_ids(now=timezone.now()),
        "window_start": _moment(end - window),
        "window_end": _moment(end),
    }
    return render(request, "safety/staff/sensor.html", context)


# --- response times ---------------------------------------------------------


def _response_groups(request: HttpRequest) -> tuple[PeriodForm, dict[str, Any]]:
    form = PeriodForm(request.GET or None)
    days = form.cleaned_data.get("days") if form.is_valid() else ""
    days = days or "90"
    since = None if days == "all" else timezone.now() - timedelta(days=int(days))
    times = selectors.incident_times(since=since)
    by_kind = selectors.response_figures(times, by="kind", labels=dict(IncidentKind.choices))
    areas = selectors.area_labels({t.area for t in times}, none_label=_("No area"))
    by_area = selectors.response_figures(times, by="area", labels=areas)
    return form, {"days": days, "by_kind": by_kind, "by_area": by_area}


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


@never_cache
@operator_required
@require_GET
def response_times(request: HttpRequest) -> HttpResponse:
    form, groups = _response_groups(request)
    on_scene = [
        (group.label, [group.steps["on_scene_at"].median, group.steps["on_scene_at"].p90])
        for group in groups["by_kind"]
    ]
    chart = None
    if any(value is not None for _label, values in on_scene for value in values):
        chart = charts.grouped_bars(on_scene, value_label=lambda v: f"{v:g}")
    context = {
        "form": form,
        **groups,
        "steps": list(STEP_LABELS.items()),
        "chart": chart,
        "chart_rows": [
            (label, _minutes(values[0]), _minutes(values[1])) for label, values in on_scene
        ],
    }
    return render(request, "safety/staff/response_times.html", context)


@operator_required
@require_GET
def response_times_csv(request: HttpRequest) -> HttpResponse:
    _form, groups = _response_groups(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="response-times-{groups["days"]}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["grouping", "key", "label", "incidents", "step", "count", "median_minutes", "p90_minutes"]
    )
    for grouping in ("kind", "area"):
        for group in groups[f"by_{grouping}"]:
            for step, figures in group.steps.items():
                writer.writerow(
                    [
                        grouping,
                        group.key,
                        group.label,
                        group.incidents,
                        step.removesuffix("_at"),
                        figures.count,
                        _minutes(figures.median),
                        _minutes(figures.p90),
                    ]
                )
    return response
