"""An alert opens an incident or joins the open one of the same type and area;
each incident state is recorded in the ledger."""

from __future__ import annotations

import time

import pytest

from townhall.safety.batch import RawReading
from townhall.safety.models import Alert, Incident
from townhall.safety.services import sensor_readings_ingest
from townhall.safety.tests.conftest import ledger_entries_about, sensor_make

pytestmark = pytest.mark.django_db


def send(network, code: str, values: list[float], start: int, step: int = 300):
    readings = [RawReading(i, code, start + i * step, v) for i, v in enumerate(values)]
    return sensor_readings_ingest(network=network, readings=readings)


def test_alerts_in_one_area_make_one_incident_and_another_area_another(network_with_key):
    network, _key = network_with_key
    sensor_make(network, "riv-a", threshold_high=3.0, area="old-town")
    sensor_make(network, "riv-b", threshold_high=3.0, area="old-town")
    sensor_make(network, "riv-c", threshold_high=3.0, area="docklands")
    t = int(time.time()) - 7200
    first = send(network, "riv-a", [1.0, 1.1, 3.5], t)
    assert [a.reason for a in first.alerts] == ["threshold-high"]
    send(network, "riv-b", [1.0, 3.6], t)
    send(network, "riv-c", [1.0, 3.7], t)
    incidents = {i.area: i for i in Incident.objects.all()}
    assert set(incidents) == {"old-town", "docklands"}
    assert incidents["old-town"].alert_count == 2
    assert incidents["old-town"].kind == "flood"
    assert Alert.objects.filter(incident=incidents["old-town"]).count() == 2
    assert incidents["old-town"].reference.startswith("INC-")
    assert ledger_entries_about(incidents["old-town"].reference) == 1


def test_a_resolved_incident_is_not_joined(network_with_key, operator):
    from townhall.safety.services_incidents import incident_transition

    network, _key = network_with_key
    sensor_make(network, "riv-a", threshold_high=3.0)
    t = int(time.time()) - 7200
    send(network, "riv-a", [1.0, 3.5], t)
    incident = Incident.objects.get()
    incident_transition(incident=incident, to_status="resolved", actor=operator, note="gauge fault")
    send(network, "riv-a", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.9], t + 600)
    assert Incident.objects.count() == 2


def test_a_reading_within_thresholds_raises_nothing(network_with_key):
    network, _key = network_with_key
    sensor_make(network, "riv-a", threshold_high=3.0, threshold_low=0.2)
    result = send(network, "riv-a", [1.0, 1.2, 0.9, 1.1], int(time.time()) - 7200)
    assert result.alerts == []
    assert not Incident.objects.exists()
