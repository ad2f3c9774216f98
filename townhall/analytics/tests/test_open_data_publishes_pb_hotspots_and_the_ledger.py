"""PB results and anonymous ballots, published hotspot runs and the ledger's checkpoints
as open datasets: metadata in CKAN and DCAT-AP, downloads as CSV, JSON and GeoJSON."""

import base64
import csv
import io
import json
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.analytics import opendata
from townhall.analytics.catalogue import Dataset
from townhall.analytics.models import HotspotRun
from townhall.analytics.tests.test_managers_upload_counts_for_the_city_districts import (
    counts_csv,
    form,
)
from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)
from townhall.engagement.services_results import results_compute
from townhall.engagement.tests.helpers import make_process
from townhall.engagement.tests.test_results_are_logged_and_can_be_recounted import VOTES, vote_all
from townhall.ledger.models import Entry
from townhall.ledger.services import ledger_append, ledger_checkpoint_publish

pytestmark = pytest.mark.django_db


def action(client, name, **params):
    body = json.loads(client.get(f"/api/3/action/{name}", params).content)
    assert body["success"], body
    return body["result"]


def rows(response):
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def extras(package):
    return {extra["key"]: extra["value"] for extra in package["extras"]}


def test_a_counted_district_publishes_its_result_and_anonymous_ballots(client, manager):
    process = make_process(rule="greedy", voting_opens_on="2026-03-01")
    north, ids = vote_all(process)
    results_compute(district=north, actor=manager)

    names = action(client, "package_list")
    assert "pb-results-people-2026-north" in names
    assert "pb-results-people-2026-south" not in names  # not counted
    package = action(client, "package_show", id="pb-results-people-2026-north")
    assert package["license_id"] == "CC-BY-4.0"
    assert extras(package)["temporal_start"] == "2026-03-01"
    assert extras(package)["spatial_coverage"] == "North, Riverside"
    assert extras(package)["frequency"] == "never"
    assert {r["format"] for r in package["resources"]} == {"CSV", "JSON", "PB"}
    urls = {r["id"].rsplit("-", 2)[-2] + "-" + r["format"]: r["url"] for r in package["resources"]}
    path = {key: "/" + url.split("://", 1)[1].split("/", 1)[1] for key, url in urls.items()}

    # Greedy by votes: project 4 (4 votes, 10k) then project 1 (3 votes, 40k); 2 and 3
    # (2 votes each) no longer fit in the 60k.
    results = {r["title"]: r for r in rows(client.get(path["results-CSV"]))}
    assert {t: (r["votes"], r["funded"], r["rank"]) for t, r in results.items()} == {
        "North project 1": ("3", "True", "2"),
        "North project 2": ("2", "False", ""),
        "North project 3": ("2", "False", ""),
        "North project 4": ("4", "True", "1"),
    }
    summary = json.loads(client.get(path["results-JSON"]).content)
    assert summary["ballot_count"] == len(VOTES) and summary["rule"] == "greedy"

    ballots = rows(client.get(path["ballots-CSV"]))
    by_index = {pid: i for i, pid in enumerate(ids)}
    chosen = Counter(tuple(sorted(by_index[p] for p in b["projects"].split(","))) for b in ballots)
    assert chosen == Counter(tuple(sorted(v)) for v in VOTES)
    assert set(ballots[0]) == {"ballot", "projects", "points"}  # nothing about the voter
    as_json = json.loads(client.get(path["ballots-JSON"]).content)["ballots"]
    assert len(as_json) == len(VOTES)
    assert client.get(path["ballots-PB"]).status_code == 200


def test_a_published_hotspot_run_is_a_dataset_with_small_counts_left_out(client, manager):
    assert "health-hotspots" not in action(client, "package_list")
    assert client.get("/open-data/hotspots.geojson").status_code == 404
    sign_in(client, manager)
    upload = SimpleUploadedFile(
        "counts.csv", counts_csv(**{"cases_0-44": 0, "cases_45+": 6}).encode()
    )
    html = client.post(
        "/staff/analytics/hotspots/", form(data=upload, publish="on", title="Asthma, 2025")
    ).content.decode()
    assert "The results were published as open data." in html
    bodies = [bytes(body) for body in Entry.objects.values_list("body", flat=True)]
    assert sum(b"analytics.hotspot_run" in body for body in bodies) == 1

    package = action(client, "package_show", id="health-hotspots")
    assert package["title"] == "Health hotspots: Asthma, 2025"
    assert {r["format"] for r in package["resources"]} == {"GeoJSON", "CSV", "JSON"}
    geojson = json.loads(client.get("/open-data/hotspots.geojson").content)
    assert geojson["type"] == "FeatureCollection" and geojson["method"]["seed"] == 7
    assert len(geojson["features"]) == 12
    by_id = {f["properties"]["id"]: f["properties"] for f in geojson["features"]}
    # Old Town now has 6 cases, fewer than the public minimum of 10: no figure that
    # gives its cases back, but its cluster and population stay.
    assert by_id["old-town"]["cases"] is None and by_id["old-town"]["rate"] is None
    assert by_id["old-town"]["smoothed_rate"] is None
    assert by_id["old-town"]["population"] == 3000 and by_id["old-town"]["lisa_cluster"]
    assert by_id["docklands"]["cases"] == 2 + 2 % 3 + 10 + 7 * 2
    table = {r["id"]: r for r in rows(client.get("/open-data/hotspots.csv"))}
    assert table["old-town"]["rate"] == "" and table["docklands"]["cases"] == "28.0"
    assert len(json.loads(client.get("/open-data/hotspots.json").content)["areas"]) == 12


def test_publishing_needs_a_title_and_saves_nothing_without_one(client, manager):
    sign_in(client, manager)
    upload = SimpleUploadedFile("counts.csv", counts_csv().encode())
    html = client.post("/staff/analytics/hotspots/", form(data=upload, publish="on")).content
    assert "Say what the counts are before publishing them" in html.decode()
    assert not HotspotRun.objects.exists()


def test_the_ledger_checkpoints_are_a_dataset(client):
    for n in range(3):
        ledger_append(kind="test.open_data", subject=f"s{n}", payload={"n": n})
    checkpoint = ledger_checkpoint_publish(force=True)
    package = action(client, "package_show", id="ledger-checkpoints")
    assert extras(package)["frequency"] == "continuous"
    published = rows(client.get("/open-data/ledger-checkpoints.csv"))
    assert [int(r["size"]) for r in published][-1] == checkpoint.size
    assert published[-1]["root"] == base64.b64encode(bytes(checkpoint.root)).decode()
    assert published[-1]["note"] == checkpoint.note
    data = json.loads(client.get("/open-data/ledger-checkpoints.json").content)
    assert data["checkpoints"][-1]["size"] == checkpoint.size


def test_every_dataset_carries_the_dcat_metadata(client, catalogue, manager):
    process = make_process(rule="greedy")
    north, _ids = vote_all(process)
    results_compute(district=north, actor=manager)
    catalogue_ = json.loads(client.get("/open-data/catalog.jsonld").content)
    kinds = set()
    for dataset in catalogue_["dcat:dataset"]:
        kinds.add(dataset["dct:identifier"].split("-")[0])
        for key in ("dct:title", "dct:description", "dct:license", "dct:publisher",
                    "dct:accrualPeriodicity", "dct:spatial", "dcat:distribution"):  # fmt: skip
            assert dataset[key], (dataset["dct:identifier"], key)
        assert dataset["dct:accrualPeriodicity"]["@id"].startswith(
            "http://publications.europa.eu/resource/authority/frequency/"
        )
    assert kinds >= {"service", "pb", "ledger"}
    performance = next(
        d for d in catalogue_["dcat:dataset"]
        if d["dct:identifier"] == "service-performance-tax-return"
    )  # fmt: skip
    assert performance["dct:temporal"]["dcat:startDate"]["@type"] == "xsd:date"


def test_a_new_kind_of_dataset_is_one_registry_entry(client, monkeypatch):
    def sensor_readings():
        return [
            Dataset(
                name="sensor-readings", title="Sensor readings", description="Readings.",
                landing_page="https://example.org/safety/", keywords=("sensors",),
                frequency="continuous", spatial="Riverside", modified=opendata.timezone.localdate(),
            )
        ]  # fmt: skip

    monkeypatch.setattr(opendata, "DATASETS", [*opendata.DATASETS, sensor_readings])
    assert "sensor-readings" in action(client, "package_list")
    assert action(client, "package_search", q="sensor")["count"] == 1
