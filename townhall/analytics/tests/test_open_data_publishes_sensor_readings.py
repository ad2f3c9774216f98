"""The public-safety sensors and their hourly readings are an open dataset: in
the CKAN API and downloadable, with hand-checked hourly figures."""

from __future__ import annotations

import csv
import io
import time

import pytest

from townhall.safety.batch import RawReading
from townhall.safety.services import network_create, sensor_readings_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def river_gauge():
    from townhall.safety.models import Sensor

    network, _key = network_create(slug="river", name="River gauges", owner_agency="River Agency")
    Sensor.objects.create(
        code="riv-1",
        network=network,
        name="River at the bridge",
        kind="river_level",
        unit="m",
        latitude=51.5072,
        longitude=-0.097,
        area="old-town",
        owner_agency="River Agency",
        expected_interval_s=900,
    )
    hour = int(time.time()) // 3600 * 3600 - 2 * 3600
    values = [1.0, 2.0, None, 4.5]
    readings = [RawReading(i, "riv-1", hour + 900 * i, v) for i, v in enumerate(values)]
    sensor_readings_ingest(network=network, readings=readings, detect=False)
    return hour


def test_the_dataset_is_listed_and_its_files_download(client, river_gauge):
    names = client.get("/api/3/action/package_list").json()["result"]
    assert "sensor-readings" in names
    package = client.get("/api/3/action/package_show?id=sensor-readings").json()["result"]
    assert {r["format"] for r in package["resources"]} == {"GeoJSON", "CSV", "JSON"}

    sensors = client.get("/open-data/sensors.geojson").json()
    assert sensors["features"][0]["properties"]["id"] == "riv-1"
    assert sensors["features"][0]["geometry"]["coordinates"] == [-0.097, 51.5072]

    text = client.get("/open-data/sensor-readings-hourly.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [
        {
            "sensor": "riv-1",
            "hour": str(river_gauge),
            "count": "3",
            "mean": "2.5",
            "minimum": "1.0",
            "maximum": "4.5",
        }
    ]
    assert client.get("/open-data/sensor-readings-hourly.json").json()["hours"][0]["mean"] == 2.5


def test_without_sensors_there_is_no_dataset(client):
    assert "sensor-readings" not in client.get("/api/3/action/package_list").json()["result"]
