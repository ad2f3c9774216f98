"""`townhall safety mqtt`: subscribe to the broker and ingest what sensors publish.

Topic filter TOWNHALL_MQTT_TOPIC (default `townhall/sensors/+/readings`): the
level matched by the first `+` is the sensor id. A message is a batch (the
HTTP API's JSON) or one reading without `sensor`. A message is never allowed
to stop the subscriber: a malformed one is counted and logged, a database
error is logged and the message dropped (the broker's retained state and the
sensor's next reading carry on), and the connection is re-made when the
broker goes away.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import paho.mqtt.client as mqtt
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from townhall.safety.batch import BatchError, RawReading, batch_from_json, batch_parse
from townhall.safety.models import Sensor, SensorNetwork
from townhall.safety.services import Rejection, sensor_readings_ingest

logger = logging.getLogger("townhall.safety.mqtt")


@dataclass(frozen=True)
class Broker:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool


def broker_from_url(url: str) -> Broker:
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise ValueError(f"TOWNHALL_MQTT_URL must look like mqtt://host:1883, not {url!r}")
    tls = parts.scheme == "mqtts"
    return Broker(
        host=parts.hostname,
        port=parts.port or (8883 if tls else 1883),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        tls=tls,
    )


def sensor_from_topic(pattern: str, topic: str) -> str | None:
    """The topic level under the pattern's first `+`, if the topic matches."""
    wanted, levels = pattern.split("/"), topic.split("/")
    sensor = None
    for index, part in enumerate(wanted):
        if part == "#":
            return sensor
        if index >= len(levels):
            return None
        if part == "+":
            if sensor is None:
                sensor = levels[index]
        elif part != levels[index]:
            return None
    return sensor if len(levels) == len(wanted) else None


@dataclass
class Stats:
    messages: int = 0
    stored: int = 0
    alerts: int = 0
    malformed: int = 0
    errors: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "stored": self.stored,
            "alerts": self.alerts,
            "malformed": self.malformed,
            "errors": self.errors,
            "rejected": dict(self.rejected),
        }


def message_ingest(*, topic: str, payload: bytes, pattern: str, stats: Stats) -> None:
    """Ingest one MQTT message; every outcome is counted, none raises."""
    received_at = timezone.now()
    with stats.lock:
        stats.messages += 1
    try:
        sensor = sensor_from_topic(pattern, topic)
        readings = batch_parse(
            batch_from_json(payload), max_readings=settings.SAFETY_MAX_BATCH, sensor=sensor
        )
    except BatchError as exc:
        logger.warning("malformed message on %s: %s", topic, exc)
        with stats.lock:
            stats.malformed += 1
        return
    try:
        _ingest_by_network(readings, received_at, stats)
    except Exception:
        # A database outage or a bug must cost this message, not the subscriber.
        logger.exception("could not store a message from %s", topic)
        with stats.lock:
            stats.errors += 1


def _ingest_by_network(readings: list[RawReading], received_at: Any, stats: Stats) -> None:
    # Over MQTT the broker, not Townhall, authenticates publishers, so each
    # reading goes to its sensor's own network.
    codes = {r.sensor for r in readings}
    network_of = dict(
        Sensor.objects.filter(code__in=codes, active=True).values_list("code", "network_id")
    )
    groups: dict[int, list[RawReading]] = {}
    unknown: list[Rejection] = []
    for reading in readings:
        network_id = network_of.get(reading.sensor)
        if network_id is None:
            unknown.append(Rejection(reading.index, reading.sensor, "unknown_sensor"))
        else:
            groups.setdefault(network_id, []).append(reading)
    networks = SensorNetwork.objects.in_bulk(list(groups))
    for network_id, group in groups.items():
        result = sensor_readings_ingest(
            network=networks[network_id], readings=group, received_at=received_at
        )
        with stats.lock:
            stats.stored += result.stored
            stats.alerts += len(result.alerts)
            stats.rejected.update(r.reason for r in result.rejected)
    if unknown:
        logger.info("readings for unknown sensors: %s", sorted({r.sensor for r in unknown}))
        with stats.lock:
            stats.rejected["unknown_sensor"] += len(unknown)


def subscriber_run(
    *,
    url: str,
    topic: str,
    stats: Stats,
    stop: threading.Event,
    on_ready: Callable[[], None] | None = None,
    client_id: str = "",
) -> None:
    """Connect, subscribe and ingest until `stop` is set (reconnecting as needed)."""
    broker = broker_from_url(url)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=True)
    if broker.username:
        client.username_pw_set(broker.username, broker.password)
    if broker.tls:
        client.tls_set()

    def on_connect(client: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        if reason.is_failure:
            logger.error("broker refused the connection: %s", reason)
            return
        client.subscribe(topic, qos=1)

    def on_subscribe(_c: mqtt.Client, _u: Any, _m: Any, reasons: Any, _p: Any) -> None:
        logger.info("subscribed to %s on %s:%s", topic, broker.host, broker.port)
        if on_ready is not None:
            on_ready()

    def on_message(_c: mqtt.Client, _u: Any, message: mqtt.MQTTMessage) -> None:
        # As Django does around each request: drop a connection that broke or aged.
        close_old_connections()
        message_ingest(topic=message.topic, payload=message.payload, pattern=topic, stats=stats)

    client.on_connect = on_connect
    client.on_subscribe = on_subscribe
    client.on_message = on_message
    client.reconnect_delay_set(min_delay=1, max_delay=30)
    client.connect_async(broker.host, broker.port, keepalive=30)
    client.loop_start()
    try:
        stop.wait()
    finally:
        client.disconnect()
        client.loop_stop()
