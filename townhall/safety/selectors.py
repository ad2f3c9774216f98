"""Reads for the safety pages: the live incident list, sensors and their
readings, the map's features, response-time figures, and warnings.

The response-time arithmetic (`summarise`, `percentile`) is plain Python so
that a test can check it by hand.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet

from townhall.core.geography import area_centre, area_name
from townhall.safety.forecast import Forecast, sensor_forecast
from townhall.safety.models import (
    Alert,
    AreaSubscription,
    HazardWarning,
    Incident,
    IncidentEvent,
    IncidentStatus,
    Reading,
    Sensor,
)

# A sensor counts as alerting while an alert of the last hour, or one that
# belongs to an incident still open, stands against it.
ALERTING_WINDOW = timedelta(hours=1)
STEPS = ("acknowledged_at", "dispatched_at", "on_scene_at", "resolved_at")


# --- incidents --------------------------------------------------------------


def incidents_open() -> QuerySet[Incident]:
    return Incident.objects.exclude(status=IncidentStatus.RESOLVED).order_by("-opened_at", "-pk")


def alerts_latest(*, limit: int = 10) -> QuerySet[Alert]:
    return Alert.objects.select_related("sensor", "incident").order_by("-raised_at", "-pk")[:limit]


def incident_by_reference(*, reference: str) -> Incident | None:
    return Incident.objects.filter(reference=reference).first()


def incident_alerts(*, incident: Incident) -> QuerySet[Alert]:
    return incident.alerts.select_related("sensor").order_by("-raised_at", "-pk")


def incident_history(*, incident: Incident) -> QuerySet[IncidentEvent]:
    return incident.events.select_related("actor").order_by("at", "pk")


# --- sensors ----------------------------------------------------------------


def alerting_sensor_ids(*, now: datetime) -> set[int]:
    alerts = Alert.objects.filter(
        Q(raised_at__gte=now - ALERTING_WINDOW)
        | (Q(incident__isnull=False) & ~Q(incident__status=IncidentStatus.RESOLVED))
    )
    return set(alerts.values_list("sensor_id", flat=True).distinct())


@dataclass(frozen=True)
class SensorRow:
    sensor: Sensor
    alerting: bool
    area: str  # the district's name


def sensors_with_state(*, now: datetime) -> list[SensorRow]:
    alerting = alerting_sensor_ids(now=now)
    return [
        SensorRow(sensor, sensor.pk in alerting, area_name(sensor.area) if sensor.area else "")
        for sensor in Sensor.objects.select_related("network").order_by("code")
    ]


def sensor_by_code(*, code: str) -> Sensor | None:
    return Sensor.objects.select_related("network").filter(code=code).first()


def sensor_readings(*, sensor: Sensor, since: int, until: int) -> list[tuple[int, float | None]]:
    """(Unix second, value) of the sensor's stored readings in [since, until], oldest first."""
    rows = (
        Reading.objects.filter(sensor=sensor, ts__gte=since, ts__lte=until)
        .order_by("ts")
        .values_list("ts", "value")
    )
    return list(rows)


def sensor_alerts(*, sensor: Sensor, limit: int = 20) -> QuerySet[Alert]:
    return sensor.alerts.select_related("incident").order_by("-raised_at", "-pk")[:limit]


# --- the map ----------------------------------------------------------------


def incident_position(incident: Incident) -> tuple[float, float] | None:
    """(longitude, latitude): the incident's own, else its district's centre."""
    if incident.latitude is not None and incident.longitude is not None:
        return incident.longitude, incident.latitude
    return area_centre(incident.area)


# --- response times ---------------------------------------------------------


def percentile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile (0 ≤ q ≤ 1) of sorted values, by linear interpolation
    between the closest ranks (NumPy's default, "inclusive" in `statistics`)."""
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class StepFigures:
    count: int
    median: float | None  # minutes
    p90: float | None


def summarise(minutes: Iterable[float]) -> StepFigures:
    ordered = sorted(minutes)
    if not ordered:
        return StepFigures(0, None, None)
    return StepFigures(len(ordered), statistics.median(ordered), percentile(ordered, 0.9))


@dataclass(frozen=True)
class IncidentTimes:
    """When one incident opened and reached each step (None: it never did)."""

    kind: str
    area: str
    opened_at: datetime
    steps: dict[str, datetime | None]


@dataclass
class GroupFigures:
    key: str
    label: str
    incidents: int = 0
    steps: dict[str, StepFigures] = field(default_factory=dict)


def response_figures(
    incidents: Iterable[IncidentTimes], *, by: str, labels: dict[str, str]
) -> list[GroupFigures]:
    """Per `by` ("kind" or "area"): how many incidents, and for each step the
    count, median and 90th percentile of minutes from opening, over the
    incidents that reached that step."""
    durations: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[str, int] = defaultdict(int)
    for incident in incidents:
        key = getattr(incident, by)
        counts[key] += 1
        for step in STEPS:
            at = incident.steps.get(step)
            if at is not None:
                durations[key][step].append((at - incident.opened_at).total_seconds() / 60)
    groups = []
    for key in sorted(counts, key=lambda k: str(labels.get(k, k)).lower()):
        groups.append(
            GroupFigures(
                key=key,
                label=str(labels.get(key, key) or key),
                incidents=counts[key],
                steps={step: summarise(durations[key][step]) for step in STEPS},
            )
        )
    return groups


def incident_times(*, since: datetime | None) -> list[IncidentTimes]:
    rows = Incident.objects.all()
    if since is not None:
        rows = rows.filter(opened_at__gte=since)
    return [
        IncidentTimes(
            kind=row["kind"],
            area=row["area"],
            opened_at=row["opened_at"],
            steps={step: row[step] for step in STEPS},
        )
        for row in rows.values("kind", "area", "opened_at", *STEPS)
    ]


def area_labels(slugs: Iterable[str], *, none_label: str) -> dict[str, str]:
    return {slug: area_name(slug) if slug else none_label for slug in slugs}


# --- warnings and subscriptions ---------------------------------------------


def warnings_current(*, now: datetime) -> QuerySet[HazardWarning]:
    return HazardWarning.objects.filter(
        withdrawn_at__isnull=True, published_at__lte=now, expires_at__gt=now
    ).order_by("-published_at", "-pk")


def warnings_recent(*, limit: int = 50) -> QuerySet[HazardWarning]:
    return HazardWarning.objects.select_related("incident").order_by("-published_at", "-pk")[:limit]


def warning_by_reference(*, reference: str) -> HazardWarning | None:
    return HazardWarning.objects.select_related("incident").filter(reference=reference).first()


def subscribed_areas(*, user: Any) -> list[str]:
    return sorted(AreaSubscription.objects.filter(user=user).values_list("area", flat=True))


# --- open data (read by analytics) ---------------------------------------------

OPEN_DATA_DAYS = 30


def sensors_registry_public() -> list[dict[str, Any]]:
    """Every active sensor as open data: what it measures, where, and who owns it."""
    return [
        {
            "id": s.code,
            "name": s.name,
            "kind": s.kind,
            "unit": s.unit,
            "latitude": s.latitude,
            "longitude": s.longitude,
            "area": s.area,
            "owner_agency": s.owner_agency,
            "expected_interval_s": s.expected_interval_s,
        }
        for s in Sensor.objects.filter(active=True).order_by("code")
    ]


def readings_hourly_public(*, until: int, days: int = OPEN_DATA_DAYS) -> list[dict[str, Any]]:
    """Hourly means of the last `days` days of readings, per sensor and hour
    (missing values left out), oldest first."""
    from django.db.models import Avg, Count, F, Max, Min
    from django.db.models.functions import Mod

    since = until - until % 3600 - days * 86_400
    rows = (
        Reading.objects.filter(ts__gte=since, ts__lt=until - until % 3600, sensor__active=True)
        .exclude(value=None)
        .annotate(hour=F("ts") - Mod("ts", 3600))
        .values("sensor__code", "hour")
        .annotate(
            count=Count("value"), mean=Avg("value"), minimum=Min("value"), maximum=Max("value")
        )
        .order_by("hour", "sensor__code")
    )
    return [
        {
            "sensor": row["sensor__code"],
            "hour": int(row["hour"]),
            "count": row["count"],
            "mean": round(float(row["mean"]), 4),
            "minimum": row["minimum"],
            "maximum": row["maximum"],
        }
        for row in rows
    ]


# --- forecasts -------------------------------------------------------------------

FORECAST_CACHE_S = 3600


def sensor_forecast_cached(*, sensor: Sensor, now: float) -> Forecast | None:
    """The sensor's forecast, fitted at most once an hour per process.

    Fitting the model takes a good part of a second, and it reads hourly
    means: a forecast an hour old is as good for the page, which must not
    refit it on every visit.
    """
    hour = int(now) // 3600
    key = f"safety:forecast:{sensor.pk}:{sensor.detector_epoch}:{sensor.threshold_high}:{hour}"
    return cache.get_or_set(key, lambda: sensor_forecast(sensor, now=now), timeout=FORECAST_CACHE_S)
