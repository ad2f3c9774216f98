"""Alert latency end to end through MQTT: from a sensor publishing a reading to
the alert being in the database, against a bare MQTT round trip in the same run.

    .venv/bin/python bench/safety_alert_latency_bench.py [--trials 40] [--background 200]

Starts Debian's Mosquitto on a free port and `townhall safety mqtt`'s
subscriber (in a thread of this process) on a fresh SQLite database. Each
trial publishes, at QoS 1, a river-level reading above its sensor's threshold
and waits until the alert row can be read from the database; meanwhile other
sensors keep publishing ordinary readings (--background per second) so the
subscriber is not idle. The baseline is the same publish to a topic whose
subscriber does nothing but note the arrival.

Prints p50, p95 and max for both. Exits 1 if any alert took 1 s or more.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 1.0


def _setup(directory: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "townhall.settings",
            "TOWNHALL_DATA_DIR": str(directory),
            "TOWNHALL_DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
            "TOWNHALL_LEDGER_KEY_FILE": str(directory / "ledger.key"),
            "TOWNHALL_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _broker(directory: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = directory / "mosquitto.conf"
    config.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\n", encoding="utf-8")
    process = subprocess.Popen(  # noqa: S603
        [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit("mosquitto did not start") from None
            time.sleep(0.05)


def _summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return (
        f"  {name:<34} p50 {statistics.median(ordered) * 1000:7.1f} ms   "
        f"p95 {p95 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--background", type=int, default=200, help="readings per second")
    args = parser.parse_args()

    import paho.mqtt.client as mqtt

    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        _setup(directory)
        broker, port = _broker(directory)
        try:
            return _run(args, port, mqtt)
        finally:
            broker.terminate()
            broker.wait(10)


def _run(args: argparse.Namespace, port: int, mqtt: object) -> int:
    import paho.mqtt.client as mqtt

    from townhall.safety.batch import RawReading
    from townhall.safety.models import Alert, Sensor
    from townhall.safety.mqtt import Stats, subscriber_run
    from townhall.safety.services import network_create, sensor_readings_ingest

    network, _key = network_create(slug="bench", name="Bench", owner_agency="Bench")
    now = int(time.time())
    sensors = []
    for i in range(args.trials + 10):
        sensor = Sensor.objects.create(
            code=f"riv-{i}",
            network=network,
            name=f"River {i}",
            kind="river_level",
            unit="m",
            latitude=51.5,
            longitude=-0.09,
            area="old-town" if i % 2 else "docklands",
            owner_agency="Bench",
            expected_interval_s=60,
            threshold_high=3.0,
        )
        history = [RawReading(k, sensor.code, now - 7200 + 60 * k, 1.5) for k in range(100)]
        sensor_readings_ingest(network=network, readings=history)
        sensors.append(sensor)

    url = f"mqtt://127.0.0.1:{port}"
    stop, ready = threading.Event(), threading.Event()
    stats = Stats()
    thread = threading.Thread(
        target=subscriber_run,
        kwargs={
            "url": url,
            "topic": "townhall/sensors/+/readings",
            "stats": stats,
            "stop": stop,
            "on_ready": ready.set,
        },
        daemon=True,
    )
    thread.start()
    if not ready.wait(10):
        raise SystemExit("the subscriber did not subscribe")

    # The baseline: a subscriber that only notes when each message arrives.
    arrived: dict[str, float] = {}
    arrival = threading.Condition()

    def on_echo(_c: object, _u: object, message: mqtt.MQTTMessage) -> None:
        with arrival:
            arrived[message.payload.decode()] = time.perf_counter()
            arrival.notify_all()

    echo = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    echo.on_message = on_echo
    echo.connect("127.0.0.1", port)
    echo.subscribe("bench/echo", qos=1)
    echo.loop_start()

    publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    publisher.connect("127.0.0.1", port)
    publisher.loop_start()
    time.sleep(0.2)  # let the echo subscription settle (no acknowledgement to wait on here)

    background_stop = threading.Event()

    def background() -> None:
        quiet = sensors[args.trials :]
        k = 0
        while not background_stop.is_set():
            sensor = quiet[k % len(quiet)]
            k += 1
            payload = {"time": now - 600 + k, "value": 1.5}
            publisher.publish(
                f"townhall/sensors/{sensor.code}/readings", json.dumps(payload), qos=1
            )
            background_stop.wait(1 / max(args.background, 1))

    noise = threading.Thread(target=background, daemon=True)
    noise.start()

    townhall_latency, server_side, baseline = [], [], []
    for i in range(args.trials):
        token = f"trial-{i}"
        started = time.perf_counter()
        publisher.publish("bench/echo", token, qos=1)
        with arrival:
            arrival.wait_for(lambda token=token: token in arrived, timeout=5)
        baseline.append(arrived[token] - started)

        sensor = sensors[i]
        payload = json.dumps({"time": now - 60, "value": 3.5})
        started = time.perf_counter()
        publisher.publish(f"townhall/sensors/{sensor.code}/readings", payload, qos=1)
        deadline = started + 5
        while not Alert.objects.filter(sensor=sensor).exists():
            if time.perf_counter() > deadline:
                raise SystemExit(f"no alert for {sensor.code} after 5 s")
            time.sleep(0.001)  # polling the database for the subscriber's write
        townhall_latency.append(time.perf_counter() - started)
        alert = Alert.objects.get(sensor=sensor)
        server_side.append((alert.raised_at - alert.received_at).total_seconds())

    background_stop.set()
    noise.join(5)
    stop.set()
    thread.join(10)
    publisher.loop_stop()
    echo.loop_stop()

    print(f"{args.trials} alerts, {args.background} background readings/s, SQLite (WAL)")
    print(_summary("bare MQTT round trip (baseline)", baseline))
    print(_summary("reading published → alert stored", townhall_latency))
    print(_summary("  of which inside Townhall", server_side))
    print(f"  subscriber: {stats.as_dict()}")
    worst = max(townhall_latency)
    ok = worst < LIMIT_S
    print(f"target: every alert < {LIMIT_S:.0f} s after its reading: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
