"""POST /api/v1/safety/readings: what is stored, flagged, rejected, and counted."""

from __future__ import annotations

import time

import pytest

from townhall.safety.models import IngestCount, Quality, Reading, Sensor
from townhall.safety.tests.conftest import sensor_make

pytestmark = pytest.mark.django_db


def now_s() -> int:
    return int(time.time()) - 3600


def test_it_refuses_a_batch_without_a_valid_key(network_with_key, post_batch):
    network, _key = network_with_key
    sensor_make(network, "riv-1")
    body = {"readings": [{"sensor": "riv-1", "time": now_s(), "value": 1.0}]}
    for key in (None, "thsn_deadbeef_nope", "Token abc", "thsn_"):
        response = post_batch(key, body)
        assert response.status_code == 401
        assert "key" in response.json()["error"]
    assert not Reading.objects.exists()


def test_it_stores_a_good_batch_and_counts_it(network_with_key, post_batch):
    network, key = network_with_key
    sensor = sensor_make(network, "riv-1")
    t = now_s()
    body = {
        "readings": [
            {"sensor": "riv-1", "time": t + 300 * i, "value": 1.0 + i / 100} for i in range(5)
        ]
    }
    response = post_batch(key, body)
    assert response.status_code == 200, response.content
    assert response.json() == {"stored": 5, "flagged": {}, "rejected": [], "alerts": 0}
    assert list(Reading.objects.order_by("ts").values_list("value", flat=True)) == [
        1.0,
        1.01,
        1.02,
        1.03,
        1.04,
    ]
    sensor.refresh_from_db()
    assert sensor.last_ts == t + 1200
    assert IngestCount.objects.get(outcome="stored").count == 5


def test_iso_times_with_an_offset_are_the_same_instant(network_with_key, post_batch):
    network, key = network_with_key
    sensor_make(network, "riv-1")
    body = {"readings": [{"sensor": "riv-1", "time": "2026-11-26T11:00:00+01:00", "value": 1}]}
    # Old enough to be inside retention only if retention is long: use a recent day instead.
    from datetime import UTC, datetime, timedelta

    recent = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)
    body["readings"][0]["time"] = recent.isoformat().replace("+00:00", "Z")
    assert post_batch(key, body).json()["stored"] == 1
    assert Reading.objects.get().ts == int(recent.timestamp())


def test_each_bad_reading_gets_its_reason_and_the_rest_is_stored(
    network_with_key, other_network_with_key, post_batch
):
    network, key = network_with_key
    other, _other_key = other_network_with_key
    sensor_make(network, "riv-1")
    sensor_make(other, "theirs")
    t = now_s()
    sensor_readings = [
        {"sensor": "riv-1", "time": t, "value": 1.5},  # 0 stored
        {"sensor": "riv-1", "time": t, "value": 1.6},  # 1 duplicate in the batch
        {"sensor": "nobody", "time": t, "value": 1.0},  # 2 unknown
        {"sensor": "theirs", "time": t, "value": 1.0},  # 3 another network's sensor
        {"sensor": "riv-1", "time": t + 300, "value": 5000},  # 4 absurd for a river (m)
        {"sensor": "riv-1", "time": t + 10**6, "value": 1.0},  # 5 in the future
        {"sensor": "riv-1", "time": t - 400 * 86400, "value": 1.0},  # 6 too old
        {"sensor": "riv-1", "time": t + 600, "value": None},  # 7 stored, missing
    ]
    response = post_batch(key, {"readings": sensor_readings})
    assert response.status_code == 200
    data = response.json()
    assert data["stored"] == 2
    assert data["flagged"] == {"missing": 1}
    reasons = {r["index"]: r["reason"] for r in data["rejected"]}
    assert reasons == {
        1: "duplicate",
        2: "unknown_sensor",
        3: "unknown_sensor",
        4: "absurd_value",
        5: "future_time",
        6: "too_old",
    }
    counts = dict(IngestCount.objects.values_list("outcome", "count"))
    assert counts["rejected:unknown_sensor"] == 2
    assert counts["flagged:missing"] == 1
    assert not Reading.objects.filter(sensor__code="theirs").exists()


def test_a_resent_reading_is_a_duplicate_and_a_late_one_is_flagged(network_with_key, post_batch):
    network, key = network_with_key
    sensor_make(network, "riv-1")
    t = now_s()
    post_batch(key, {"readings": [{"sensor": "riv-1", "time": t, "value": 1.0}]})
    post_batch(key, {"readings": [{"sensor": "riv-1", "time": t + 300, "value": 1.1}]})
    again = post_batch(
        key,
        {
            "readings": [
                {"sensor": "riv-1", "time": t + 300, "value": 1.1},
                {"sensor": "riv-1", "time": t + 150, "value": 1.05},
                {"sensor": "riv-1", "time": t + 300 * 10, "value": 1.2},
            ]
        },
    ).json()
    assert again["rejected"] == [{"index": 0, "sensor": "riv-1", "reason": "duplicate"}]
    assert again["flagged"] == {"after_gap": 1, "out_of_order": 1}
    qualities = dict(Reading.objects.values_list("ts", "quality"))
    assert qualities[t + 150] == Quality.OUT_OF_ORDER
    assert qualities[t + 3000] == Quality.AFTER_GAP
    assert Sensor.objects.get().last_ts == t + 3000


def test_a_revoked_network_cannot_send(network_with_key, post_batch):
    from django.utils import timezone

    network, key = network_with_key
    sensor_make(network, "riv-1")
    network.revoked_at = timezone.now()
    network.save(update_fields=["revoked_at"])
    response = post_batch(key, {"readings": [{"sensor": "riv-1", "time": now_s(), "value": 1}]})
    assert response.status_code == 401
