"""`townhall safety mqtt` against a real Mosquitto broker: readings published
by sensors are stored, malformed messages are counted and never stop it, and
an alert follows its reading."""

from __future__ import annotations

import json
import threading
import time

import paho.mqtt.client as mqtt
import pytest

from townhall.safety.models import Alert, Reading
from townhall.safety.mqtt import Stats, broker_from_url, sensor_from_topic, subscriber_run
from townhall.safety.tests.conftest import sensor_make

TOPIC = "townhall/sensors/+/readings"


def wait_for(condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)  # polling the database for what another thread writes


@pytest.fixture
def subscriber(mosquitto, transactional_db):
    stats, stop, ready = Stats(), threading.Event(), threading.Event()
    thread = threading.Thread(
        target=subscriber_run,
        kwargs={
            "url": mosquitto,
            "topic": TOPIC,
            "stats": stats,
            "stop": stop,
            "on_ready": ready.set,
        },
        daemon=True,
    )
    thread.start()
    assert ready.wait(10), "the subscriber did not subscribe"
    yield stats
    stop.set()
    thread.join(10)


@pytest.fixture
def publish(mosquitto):
    broker = broker_from_url(mosquitto)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.connect(broker.host, broker.port)
    client.loop_start()

    def send(topic: str, payload: bytes | str) -> None:
        client.publish(topic, payload, qos=1).wait_for_publish(5)

    yield send
    client.loop_stop()
    client.disconnect()


def test_the_sensor_id_comes_from_the_topic():
    assert sensor_from_topic(TOPIC, "townhall/sensors/riv-1/readings") == "riv-1"
    assert sensor_from_topic(TOPIC, "townhall/sensors/riv-1/other") is None
    assert sensor_from_topic("city/#", "city/a/b") is None
    assert sensor_from_topic("city/+/+/data", "city/a/b/data") == "a"


def test_published_readings_are_stored_and_bad_messages_counted(
    subscriber, publish, network_with_key
):
    network, _key = network_with_key
    sensor_make(network, "riv-1")
    t = int(time.time()) - 3600
    publish("townhall/sensors/riv-1/readings", json.dumps({"time": t, "value": 1.25}))
    publish("townhall/sensors/riv-1/readings", b"\x00garbage")
    publish("townhall/sensors/riv-1/readings", json.dumps({"time": t + 300, "value": "high"}))
    publish("townhall/sensors/ghost/readings", json.dumps({"time": t, "value": 1.0}))
    batch = {
        "readings": [{"sensor": "riv-1", "time": t + 600 + 300 * i, "value": 1.3} for i in range(3)]
    }
    publish("townhall/sensors/riv-1/readings", json.dumps(batch))
    wait_for(lambda: subscriber.messages == 5)
    wait_for(lambda: Reading.objects.count() == 4)
    assert subscriber.malformed == 2
    assert subscriber.rejected["unknown_sensor"] == 1
    assert sorted(Reading.objects.values_list("value", flat=True)) == [1.25, 1.3, 1.3, 1.3]


def test_a_threshold_crossing_raises_an_alert_within_a_second(
    subscriber, publish, network_with_key
):
    network, _key = network_with_key
    sensor_make(network, "riv-1", threshold_high=3.0)
    t = int(time.time()) - 3600
    publish("townhall/sensors/riv-1/readings", json.dumps({"time": t, "value": 1.0}))
    sent = time.monotonic()
    publish("townhall/sensors/riv-1/readings", json.dumps({"time": t + 300, "value": 3.8}))
    wait_for(lambda: Alert.objects.exists())
    assert time.monotonic() - sent < 1.0
    alert = Alert.objects.get()
    assert alert.reason == "threshold-high"
    assert alert.incident is not None
