"""Writes: incidents (from alerts or by hand) and their workflow, hazard
warnings, and residents' area subscriptions.

Every state change is an `IncidentEvent` and a ledger entry, written here by
the service that makes the change. Ledger entries carry no personal data:
references, types, areas, states and times.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core.geography import area_name, areas
from townhall.ledger.services import ledger_append
from townhall.safety.kinds import KINDS
from townhall.safety.models import (
    Alert,
    AreaSubscription,
    HazardWarning,
    Incident,
    IncidentEvent,
    IncidentKind,
    IncidentSource,
    IncidentStatus,
    Sensor,
    Severity,
)

S = IncidentStatus
# The workflow: each state and the states an operator may move it to.
# Resolving is allowed from any open state (a false alarm is resolved at once).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.NEW: (S.ACKNOWLEDGED, S.RESOLVED),
    S.ACKNOWLEDGED: (S.DISPATCHED, S.RESOLVED),
    S.DISPATCHED: (S.ON_SCENE, S.RESOLVED),
    S.ON_SCENE: (S.RESOLVED,),
    S.RESOLVED: (),
}
STAMPS = {
    S.ACKNOWLEDGED: "acknowledged_at",
    S.DISPATCHED: "dispatched_at",
    S.ON_SCENE: "on_scene_at",
    S.RESOLVED: "resolved_at",
}


class SafetyError(ValueError):
    """A request the workflow or the data does not allow; the message says why."""


def _person(actor: Any) -> Any:
    """The signed-in person behind an action, or None for the system (alerts, imports)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _record(
    incident: Incident, *, from_status: str, to_status: str, at: datetime, actor: Any, note: str
) -> IncidentEvent:
    entry = ledger_append(
        kind="safety.incident",
        subject=incident.reference,
        payload={
            "type": incident.kind,
            "area": incident.area,
            "source": incident.source,
            "from": from_status,
            "to": to_status,
            "at": at.isoformat(),
            **({"unit": incident.unit} if to_status == S.DISPATCHED else {}),
        },
        actor=actor,
    )
    return IncidentEvent.objects.create(
        incident=incident,
        from_status=from_status,
        to_status=to_status,
        at=at,
        actor=_person(actor),
        note=note,
        ledger_index=entry.index,
    )


def _create(
    *,
    kind: str,
    area: str,
    latitude: float | None,
    longitude: float | None,
    summary: str,
    source: str,
    at: datetime,
    actor: Any = None,
) -> Incident:
    incident = Incident.objects.create(
        reference=f"tmp-{uuid.uuid4().hex[:24]}",
        kind=kind,
        area=area,
        latitude=latitude,
        longitude=longitude,
        summary=summary[:300],
        source=source,
        opened_at=at,
        opened_by=_person(actor),
    )
    # The primary key makes the reference unique without a counter to lock.
    incident.reference = f"INC-{at.year}-{incident.pk:06d}"
    incident.save(update_fields=["reference"])
    _record(incident, from_status="", to_status=S.NEW, at=at, actor=actor, note="")
    return incident


def incident_for_alert(*, alert: Alert, sensor: Sensor) -> Incident:
    """The open incident this alert joins, or a new one.

    An alert joins an open incident of the same type in the same area whose
    last alert is recent (TOWNHALL_SAFETY_INCIDENT_MERGE_MINUTES), so a storm
    that trips ten sensors in a district is one incident, not ten.
    """
    kind = KINDS[sensor.kind].incident
    since = alert.raised_at - timedelta(minutes=settings.SAFETY_INCIDENT_MERGE_MINUTES)
    incident = (
        Incident.objects.select_for_update()
        .filter(kind=kind, area=sensor.area, last_alert_at__gte=since)
        .exclude(status=S.RESOLVED)
        .order_by("-last_alert_at")
        .first()
    )
    if incident is None:
        incident = _create(
            kind=kind,
            area=sensor.area,
            latitude=sensor.latitude,
            longitude=sensor.longitude,
            summary=_("%(sensor)s: %(reason)s (%(value)s %(unit)s)")
            % {
                "sensor": sensor.name,
                "reason": alert.reason_label(),
                "value": "—" if alert.value is None else f"{alert.value:g}",
                "unit": sensor.unit,
            },
            source=IncidentSource.SENSOR,
            at=alert.raised_at,
        )
    Incident.objects.filter(pk=incident.pk).update(
        alert_count=F("alert_count") + 1, last_alert_at=alert.raised_at
    )
    return incident


@transaction.atomic
def incident_open(
    *,
    kind: str,
    area: str,
    summary: str,
    actor: Any,
    source: str = IncidentSource.PHONE,
    latitude: float | None = None,
    longitude: float | None = None,
    at: datetime | None = None,
) -> Incident:
    """An incident an operator opens by hand, from a phone report for example.

    `at` backdates it, for incidents taken over from another system.
    """
    if kind not in IncidentKind.values:
        raise SafetyError(_("Choose the type of incident"))
    if area not in {a.slug for a in areas()}:
        raise SafetyError(_("Choose the area where it is happening"))
    summary = " ".join(summary.split())
    if not summary:
        raise SafetyError(_("Describe what is happening"))
    if len(summary) > 300:
        raise SafetyError(_("Keep the description to 300 characters or fewer"))
    if source not in (IncidentSource.PHONE, IncidentSource.OPERATOR):
        raise SafetyError(_("An incident opened by hand comes from a phone report or an operator"))
    return _create(
        kind=kind,
        area=area,
        latitude=latitude,
        longitude=longitude,
        summary=summary,
        source=source,
        at=at or timezone.now(),
        actor=actor,
    )


@transaction.atomic
def incident_transition(
    *,
    incident: Incident,
    to_status: str,
    actor: Any,
    unit: str = "",
    eta: datetime | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Incident:
    """Move an incident on; dispatching needs the unit sent (and may carry its ETA).

    `at` backdates the step (history taken over from another system); it may
    not be earlier than the incident's last step nor in the future.
    """
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    allowed = TRANSITIONS[locked.status]
    if to_status not in allowed:
        raise SafetyError(
            _("An incident that is %(state)s cannot move to %(target)s")
            % {
                "state": IncidentStatus(locked.status).label,
                "target": IncidentStatus(to_status).label
                if to_status in IncidentStatus.values
                else to_status,
            }
        )
    now = timezone.now()
    if at is not None:
        last = locked.events.order_by("-at").values_list("at", flat=True).first()
        if at > now or (last is not None and at < last):
            raise SafetyError(_("A step cannot be dated before the previous one or in the future"))
        now = at
    fields = ["status"]
    if to_status == S.DISPATCHED:
        unit = " ".join(unit.split())
        if not unit:
            raise SafetyError(_("Say which unit is sent"))
        if len(unit) > 100:
            raise SafetyError(_("Keep the unit's name to 100 characters or fewer"))
        if eta is not None and eta < now - timedelta(minutes=1):
            raise SafetyError(_("The expected arrival must be in the future"))
        locked.unit, locked.eta = unit, eta
        fields += ["unit", "eta"]
    note = " ".join(note.split())[:500]
    from_status = locked.status
    locked.status = to_status
    # Skipped steps (resolving a new incident) keep no time: response-time
    # figures only count steps that happened.
    setattr(locked, STAMPS[to_status], now)
    fields.append(STAMPS[to_status])
    locked.save(update_fields=fields)
    _record(locked, from_status=from_status, to_status=to_status, at=now, actor=actor, note=note)
    return locked


# --- warnings and subscriptions ------------------------------------------------


@transaction.atomic
def warning_publish(
    *,
    area: str,
    severity: str,
    title: str,
    advice: str,
    hours: int,
    actor: Any,
    incident: Incident | None = None,
) -> HazardWarning:
    """Publish a hazard warning on the public site and tell the area's subscribers."""
    if area not in {a.slug for a in areas()}:
        raise SafetyError(_("Choose the area the warning is for"))
    if severity not in Severity.values:
        raise SafetyError(_("Choose how severe the hazard is"))
    title = " ".join(title.split())
    advice = advice.strip()
    if not title or len(title) > 200:
        raise SafetyError(_("Give the warning a title of up to 200 characters"))
    if not advice or len(advice) > 2000:
        raise SafetyError(_("Say what residents should do, in up to 2,000 characters"))
    if not 1 <= hours <= 24 * 14:
        raise SafetyError(_("A warning lasts from 1 hour to 14 days"))
    now = timezone.now()
    warning = HazardWarning.objects.create(
        reference=f"tmp-{uuid.uuid4().hex[:24]}",
        area=area,
        severity=severity,
        title=title,
        advice=advice,
        incident=incident,
        published_at=now,
        expires_at=now + timedelta(hours=hours),
        published_by=_person(actor),
    )
    warning.reference = f"WRN-{now.year}-{warning.pk:06d}"
    entry = ledger_append(
        kind="safety.warning",
        subject=warning.reference,
        payload={
            "area": area,
            "severity": severity,
            "title": title,
            "advice": advice,
            "published_at": now.isoformat(),
            "expires_at": warning.expires_at.isoformat(),
            **({"incident": incident.reference} if incident else {}),
        },
        actor=actor,
    )
    warning.ledger_index = entry.index
    warning.save(update_fields=["reference", "ledger_index"])
    _tell_subscribers(warning)
    return warning


def _tell_subscribers(warning: HazardWarning) -> None:
    from townhall.notify.services import notification_queue

    url = reverse("safety:warning", args=[warning.reference])
    subscriptions = AreaSubscription.objects.filter(area=warning.area).select_related("user")
    for subscription in subscriptions.iterator():
        notification_queue(
            event="hazard_warning",
            key=f"hazard_warning:{warning.reference}:{subscription.user_id}",
            recipient=subscription.user,
            context={
                "reference": warning.reference,
                "service_title": warning.title,
                "status_label": Severity(warning.severity).label,
                "area": area_name(warning.area),
                "advice": warning.advice,
                "due_date": timezone.localtime(warning.expires_at).strftime("%Y-%m-%d %H:%M"),
            },
            url=url,
        )


@transaction.atomic
def warning_withdraw(*, warning: HazardWarning, actor: Any) -> HazardWarning:
    if warning.withdrawn_at is not None:
        raise SafetyError(_("This warning was already withdrawn"))
    now = timezone.now()
    warning.withdrawn_at = now
    warning.save(update_fields=["withdrawn_at"])
    ledger_append(
        kind="safety.warning",
        subject=warning.reference,
        payload={"withdrawn_at": now.isoformat()},
        actor=actor,
    )
    return warning


@transaction.atomic
def subscriptions_set(*, user: Any, area_slugs: list[str]) -> list[str]:
    """Replace the resident's warning areas with `area_slugs`."""
    known = {a.slug for a in areas()}
    unknown = sorted(set(area_slugs) - known)
    if unknown:
        raise SafetyError(_("Unknown area: %(areas)s") % {"areas": ", ".join(unknown)})
    wanted = set(area_slugs)
    AreaSubscription.objects.filter(user=user).exclude(area__in=wanted).delete()
    have = set(AreaSubscription.objects.filter(user=user).values_list("area", flat=True))
    AreaSubscription.objects.bulk_create(
        [AreaSubscription(user=user, area=slug) for slug in sorted(wanted - have)]
    )
    return sorted(wanted)


# --- forecast warnings -----------------------------------------------------------

# One "likely to exceed" alert per sensor in this many hours.
FORECAST_ALERT_EVERY_H = 6


def forecast_alerts_raise(*, now: datetime | None = None) -> list[Alert]:
    """Raise an alert for each forecasting sensor whose next 24 hours are
    likely to cross its upper threshold, before the readings do."""
    from townhall.safety.forecast import sensor_forecast

    now = now or timezone.now()
    raised = []
    sensors = Sensor.objects.filter(
        active=True, kind__in=[k for k, spec in KINDS.items() if spec.forecast]
    ).exclude(threshold_high=None)
    for sensor in sensors:
        forecast = sensor_forecast(sensor, now=now.timestamp())
        if forecast is None or forecast.exceeds_at is None:
            continue
        recent = Alert.objects.filter(
            sensor=sensor,
            reason="forecast-exceed",
            raised_at__gte=now - timedelta(hours=FORECAST_ALERT_EVERY_H),
        )
        if recent.exists():
            continue
        with transaction.atomic():
            alert = Alert.objects.create(
                sensor=sensor,
                ts=int(forecast.exceeds_at.timestamp()),
                value=forecast.mean[forecast.hours.index(forecast.exceeds_at)],
                score=1.0,
                reason="forecast-exceed",
                received_at=now,
                raised_at=now,
            )
            alert.incident = incident_for_alert(alert=alert, sensor=sensor)
            alert.save(update_fields=["incident"])
        raised.append(alert)
    return raised
