"""An operator takes an incident from new to resolved through its page:
acknowledge, dispatch a unit with its ETA, on scene, resolve. A move the
workflow does not allow is refused with a message and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.safety.models import Incident, IncidentEvent
from townhall.safety.services_incidents import incident_open


@pytest.fixture
def incident(operator):
    return incident_open(
        kind="flood", area="docklands", summary="Water over Quay Street", actor=operator
    )


def _url(incident):
    return f"/staff/safety/incidents/{incident.reference}/"


def test_the_whole_workflow_through_the_page(incident, operator, signed_in):
    client = signed_in(operator)
    page = client.get(_url(incident)).content.decode()
    assert "Acknowledge" in page and "Water over Quay Street" in page

    response = client.post(_url(incident), {"action": "acknowledged"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "acknowledged" and incident.acknowledged_at is not None

    before = timezone.now()
    response = client.post(
        _url(incident), {"action": "dispatched", "unit": "Fire crew 7", "eta_minutes": "12"}
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "dispatched" and incident.unit == "Fire crew 7"
    assert before + timedelta(minutes=12) <= incident.eta <= timezone.now() + timedelta(minutes=12)

    assert client.post(_url(incident), {"action": "on_scene"}).status_code == 302
    response = client.post(_url(incident), {"action": "resolved", "note": "Pumped out"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "resolved"
    stamps = [
        incident.opened_at,
        incident.acknowledged_at,
        incident.dispatched_at,
        incident.on_scene_at,
        incident.resolved_at,
    ]
    assert all(stamps) and stamps == sorted(stamps)
    events = list(IncidentEvent.objects.filter(incident=incident).values_list("to_status", "note"))
    assert events == [
        ("new", ""),
        ("acknowledged", ""),
        ("dispatched", ""),
        ("on_scene", ""),
        ("resolved", "Pumped out"),
    ]
    page = client.get(_url(incident)).content.decode()
    assert "Fire crew 7" in page and "Pumped out" in page
    assert "nothing more to do" in page


def test_an_illegal_move_is_refused_and_changes_nothing(incident, operator, signed_in):
    client = signed_in(operator)
    response = client.post(_url(incident), {"action": "on_scene"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "An incident that is New cannot move to On scene" in page
    incident.refresh_from_db()
    assert incident.status == "new" and incident.on_scene_at is None
    assert IncidentEvent.objects.filter(incident=incident).count() == 1


def test_dispatch_without_a_unit_shows_the_error_and_changes_nothing(incident, operator, signed_in):
    client = signed_in(operator)
    client.post(_url(incident), {"action": "acknowledged"})
    response = client.post(_url(incident), {"action": "dispatched", "unit": " ", "eta_minutes": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say which unit is sent" in page and 'href="#id_unit"' in page
    response = client.post(
        _url(incident),
        {"action": "dispatched", "unit": "Crew 2", "eta_minutes": "5", "eta_time": "14:30"},
    )
    assert response.status_code == 400
    assert "Give the minutes or the time, not both" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == "acknowledged" and incident.unit == "" and incident.eta is None


def test_dispatch_with_an_arrival_time(incident, operator, signed_in):
    client = signed_in(operator)
    client.post(_url(incident), {"action": "acknowledged"})
    soon = timezone.localtime() + timedelta(minutes=30)
    response = client.post(
        _url(incident),
        {"action": "dispatched", "unit": "Crew 3", "eta_time": soon.strftime("%H:%M")},
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.eta is not None
    assert timedelta(minutes=28) < incident.eta - timezone.now() <= timedelta(minutes=30)


def test_an_unknown_action_is_refused(incident, operator, signed_in):
    client = signed_in(operator)
    response = client.post(_url(incident), {"action": "teleported"})
    assert response.status_code == 400
    assert "Choose one of the actions on the page" in response.content.decode()
    assert Incident.objects.get(pk=incident.pk).status == "new"
