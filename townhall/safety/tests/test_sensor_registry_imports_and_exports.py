"""The sensor registry in CSV and GeoJSON: a round trip keeps every field, and a
file with bad rows imports nothing and names each row and problem."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from townhall.safety.models import Sensor
from townhall.safety.registry import RegistryError, registry_export, sensors_import

pytestmark = pytest.mark.django_db

HEADER = "id,name,kind,latitude,longitude,network,expected_interval_s,threshold_high,area,unit\n"
GOOD = (
    HEADER
    + "riv-1,River at Mill Lane,river_level,51.5077,-0.099,city,900,3.2,,\n"
    + "aq-1,Air at Station Road,pm25,51.516,-0.089,city,600,50,north-bank,µg/m³\n"
)


def test_csv_import_fills_unit_and_area_and_round_trips(network_with_key):
    assert sensors_import(data=GOOD, fmt="csv") == (2, 0)
    river = Sensor.objects.get(code="riv-1")
    assert river.unit == "m"
    assert river.area == "old-town"  # the district containing the point
    assert river.owner_agency == "Riverside Council"
    exported = registry_export(fmt="csv")
    Sensor.objects.all().delete()
    assert sensors_import(data=exported, fmt="csv") == (2, 0)
    assert registry_export(fmt="csv") == exported
    assert sensors_import(data=exported, fmt="csv") == (0, 2)


def test_geojson_round_trip(network_with_key):
    sensors_import(data=GOOD, fmt="csv")
    collection = registry_export(fmt="geojson")
    data = json.loads(collection)
    assert data["features"][1]["geometry"] == {"type": "Point", "coordinates": [-0.099, 51.5077]}
    Sensor.objects.all().delete()
    assert sensors_import(data=collection, fmt="geojson") == (2, 0)
    assert registry_export(fmt="geojson") == collection


def test_every_bad_row_is_named_and_nothing_is_imported(network_with_key):
    bad = (
        HEADER
        + "riv-1,River,river_level,51.5,-0.1,city,900,3,,\n"
        + "riv-2,River,lava_level,51.5,-0.1,city,900,,,\n"
        + "riv-3,River,river_level,951.5,-0.1,city,900,,,\n"
        + "riv-4,River,river_level,51.5,-0.1,nowhere,900,,,\n"
        + "riv-5,River,river_level,51.5,-0.1,city,0,,,\n"
        + "riv-6,River,river_level,51.5,-0.1,city,900,,,ft\n"
        + "riv-1,Again,river_level,51.5,-0.1,city,900,,,\n"
        + "riv-8,River,river_level,51.5,-0.1,city,900,,atlantis,\n"
    )
    with pytest.raises(RegistryError) as caught:
        sensors_import(data=bad, fmt="csv")
    problems = "\n".join(caught.value.problems)
    for expected in (
        "row 3: kind 'lava_level'",
        "row 4: latitude 951.5",
        "row 5: no sensor network 'nowhere'",
        "row 6: expected_interval_s",
        "row 7: unit 'ft'",
        "row 8: sensor id 'riv-1' is already on row 2",
        "row 9: area 'atlantis'",
    ):
        assert expected in problems
    assert not Sensor.objects.exists()


def test_the_command_reports_problems_and_imports_good_files(network_with_key, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.geojson"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text('{"type": "FeatureCollection", "features": [{"geometry": null}]}')
    out = StringIO()
    call_command("safety", "sensors", "import", str(good), stdout=out)
    assert "2 sensors created" in out.getvalue()
    with pytest.raises(CommandError, match="feature 1: the geometry must be a Point"):
        call_command("safety", "sensors", "import", str(bad))
    out = StringIO()
    call_command("safety", "sensors", "export", "--format", "csv", stdout=out)
    assert out.getvalue().startswith("id,name,kind,latitude")


def test_changing_a_sensors_kind_forgets_what_its_detector_learnt(network_with_key):
    import time

    from townhall.safety.batch import RawReading
    from townhall.safety.models import DetectorCheckpoint
    from townhall.safety.services import sensor_readings_ingest

    network, _key = network_with_key
    sensors_import(data=GOOD, fmt="csv")
    now = int(time.time())
    readings = [RawReading(i, "riv-1", now - 3600 + 60 * i, 1.0) for i in range(20)]
    sensor_readings_ingest(network=network, readings=readings)
    river = Sensor.objects.get(code="riv-1")
    assert DetectorCheckpoint.objects.filter(sensor=river).exists()
    sensors_import(
        data=GOOD.replace("riv-1,River at Mill Lane,river_level", "riv-1,Rain,rainfall"), fmt="csv"
    )
    river.refresh_from_db()
    assert river.kind == "rainfall"
    assert river.detector_epoch == 1
    assert river.detector_state_ts is None
    assert not DetectorCheckpoint.objects.filter(sensor=river).exists()
