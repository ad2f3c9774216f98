"""Operators import sensors from a file and download the registry; a file with
bad rows lists them and imports nothing; only operators may do either."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.safety.models import Sensor

pytestmark = pytest.mark.django_db

GOOD = (
    "id,name,kind,latitude,longitude,network,expected_interval_s,threshold_high\n"
    "riv-1,River at the bridge,river_level,51.5072,-0.097,city,900,3.2\n"
)
BAD = GOOD + "riv-2,River,lava_level,51.5,-0.1,city,900,\n"


def upload(client, text: str, name: str = "sensors.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post("/staff/safety/sensors/import", {"registry": file})


def test_an_operator_imports_a_file_and_downloads_the_registry(
    signed_in, operator, network_with_key
):
    client = signed_in(operator)
    response = upload(client, GOOD)
    assert response.status_code == 302
    assert Sensor.objects.get().area == "old-town"
    download = client.get("/staff/safety/sensors/export.csv")
    assert download["Content-Disposition"] == 'attachment; filename="sensors.csv"'
    assert b"riv-1,River at the bridge,river_level" in download.content
    geojson = client.get("/staff/safety/sensors/export.geojson").json()
    assert geojson["features"][0]["properties"]["id"] == "riv-1"
    assert client.get("/staff/safety/sensors/export.xml").status_code == 404


def test_bad_rows_are_listed_and_nothing_is_imported(signed_in, operator, network_with_key):
    client = signed_in(operator)
    response = upload(client, BAD)
    assert response.status_code == 400
    assert "row 3: kind &#x27;lava_level&#x27;" in response.content.decode()
    assert not Sensor.objects.exists()
    assert upload(client, GOOD, name="sensors.txt").status_code == 400
    assert not Sensor.objects.exists()


def test_others_cannot_import_or_download(
    signed_in, resident, caseworker, client, network_with_key
):
    assert client.get("/staff/safety/sensors/export.csv").status_code == 302
    for person in (resident, caseworker):
        signed = signed_in(person)
        assert signed.get("/staff/safety/sensors/export.csv").status_code == 403
        assert upload(signed, GOOD).status_code == 403
        signed.post("/account/sign-out/")
    assert not Sensor.objects.exists()
