"""The incident workflow: new → acknowledged → dispatched (unit, ETA) → on scene
→ resolved, each step timed, recorded and in the ledger; wrong moves refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.safety.models import Incident, IncidentEvent
from townhall.safety.services_incidents import SafetyError, incident_open, incident_transition
from townhall.safety.tests.conftest import ledger_entries_about

pytestmark = pytest.mark.django_db


def phone_report(operator, **extra):
    values = {"kind": "fire", "area": "docklands", "summary": "Bin fire by the quay"}
    values.update(extra)
    return incident_open(actor=operator, **values)


def test_an_incident_goes_through_every_step(operator):
    incident = phone_report(operator)
    assert incident.reference == f"INC-{timezone.now().year}-{incident.pk:06d}"
    incident = incident_transition(incident=incident, to_status="acknowledged", actor=operator)
    eta = timezone.now() + timedelta(minutes=12)
    incident = incident_transition(
        incident=incident, to_status="dispatched", actor=operator, unit="Fire engine RV1", eta=eta
    )
    incident = incident_transition(incident=incident, to_status="on_scene", actor=operator)
    incident = incident_transition(
        incident=incident, to_status="resolved", actor=operator, note="Put out"
    )
    incident.refresh_from_db()
    assert incident.unit == "Fire engine RV1"
    assert incident.eta == eta
    assert (
        incident.opened_at
        <= incident.acknowledged_at
        <= incident.dispatched_at
        <= incident.on_scene_at
        <= incident.resolved_at
    )
    steps = list(IncidentEvent.objects.values_list("from_status", "to_status"))
    assert steps == [
        ("", "new"),
        ("new", "acknowledged"),
        ("acknowledged", "dispatched"),
        ("dispatched", "on_scene"),
        ("on_scene", "resolved"),
    ]
    assert IncidentEvent.objects.filter(ledger_index__isnull=True).count() == 0
    assert ledger_entries_about(incident.reference) == 5


def test_a_wrong_move_is_refused_and_changes_nothing(operator):
    incident = phone_report(operator)
    with pytest.raises(SafetyError, match="cannot move to On scene"):
        incident_transition(incident=incident, to_status="on_scene", actor=operator)
    incident_transition(incident=incident, to_status="acknowledged", actor=operator)
    with pytest.raises(SafetyError, match="unit"):
        incident_transition(incident=incident, to_status="dispatched", actor=operator, unit="  ")
    with pytest.raises(SafetyError, match="future"):
        incident_transition(
            incident=incident,
            to_status="dispatched",
            actor=operator,
            unit="Crew 1",
            eta=timezone.now() - timedelta(hours=1),
        )
    incident.refresh_from_db()
    assert incident.status == "acknowledged"
    assert incident.dispatched_at is None
    assert IncidentEvent.objects.count() == 2


def test_a_hand_opened_incident_is_checked(operator):
    with pytest.raises(SafetyError, match="type"):
        phone_report(operator, kind="alien")
    with pytest.raises(SafetyError, match="area"):
        phone_report(operator, area="atlantis")
    with pytest.raises(SafetyError, match="Describe"):
        phone_report(operator, summary="   ")
    assert not Incident.objects.exists()


def test_history_can_be_backdated_but_not_out_of_order(operator):
    opened = timezone.now() - timedelta(hours=3)
    incident = phone_report(operator, at=opened)
    incident_transition(
        incident=incident,
        to_status="acknowledged",
        actor=operator,
        at=opened + timedelta(minutes=5),
    )
    with pytest.raises(SafetyError, match="before the previous one"):
        incident_transition(
            incident=incident,
            to_status="resolved",
            actor=operator,
            at=opened + timedelta(minutes=1),
        )
    incident.refresh_from_db()
    assert incident.acknowledged_at - incident.opened_at == timedelta(minutes=5)
