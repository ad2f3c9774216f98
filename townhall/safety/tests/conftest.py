"""Fixtures of the safety tests: sensor networks with their keys, sensors, a
way to post batches, and a real Mosquitto broker (Debian's package) started
for the test session on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


@pytest.fixture
def network_with_key(db):
    from townhall.safety.services import network_create

    return network_create(slug="city", name="City sensors", owner_agency="Riverside Council")


@pytest.fixture
def other_network_with_key(db):
    from townhall.safety.services import network_create

    return network_create(slug="river", name="River gauges", owner_agency="River Agency")


def sensor_make(network, code: str, kind: str = "river_level", **extra):
    from townhall.safety.kinds import KINDS
    from townhall.safety.models import Sensor

    values = {
        "name": code.replace("-", " ").title(),
        "unit": KINDS[kind].unit,
        "latitude": 51.5072,
        "longitude": -0.0970,
        "area": "old-town",
        "owner_agency": network.owner_agency,
        "expected_interval_s": 300,
    }
    values.update(extra)
    return Sensor.objects.create(code=code, network=network, kind=kind, **values)


@pytest.fixture
def post_batch(client):
    def post(key: str | None, body, *, raw: bool = False):
        import json

        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
        data = body if raw else json.dumps(body)
        return client.post(
            "/api/v1/safety/readings", data=data, content_type="application/json", **headers
        )

    return post


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def mosquitto(tmp_path_factory) -> str:
    """mqtt://127.0.0.1:PORT of a Mosquitto broker running for this session."""
    if not Path(MOSQUITTO).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("mosquitto is not installed: .ci/run installs Debian's package")
        pytest.skip("mosquitto is not installed (apt-get install mosquitto)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("mosquitto")
    config = folder / "mosquitto.conf"
    config.write_text(
        f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(  # noqa: S603 - a fixed binary and our own config
        [MOSQUITTO, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"mosquitto did not start on port {port}")
            time.sleep(0.05)  # polling a port that is coming up: there is no event to wait on
    yield f"mqtt://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def ledger_entries_about(reference: str) -> int:
    """How many ledger entries have `reference` as their subject."""
    import json

    from townhall.ledger.models import Entry

    return sum(json.loads(bytes(e.body)).get("subject") == reference for e in Entry.objects.all())


@pytest.fixture(autouse=True)
def cold_process():
    """Each test starts without the process's in-memory detectors and cached
    forecasts (sensor ids repeat from one test's database to the next)."""
    from django.core.cache import cache

    from townhall.safety.services_detection import detectors_forget

    detectors_forget()
    cache.clear()
    yield
    detectors_forget()
    cache.clear()
