"""Counts alone (a CSV, with age bands) against the city map's districts."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from townhall.analytics.districts import city_districts
from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)

URL = "/staff/analytics/hotspots/"


def district_slugs():
    return [f["properties"]["district"] for f in city_districts(id_field="district")["features"]]


def counts_csv(**change):
    rows = []
    for i, slug in enumerate(district_slugs()):
        rows.append(
            {"district": slug, "cases_0-44": 2 + i % 3, "people_0-44": 1000 + 100 * i,
             "cases_45+": 10 + 7 * i, "people_45+": 800 + 50 * i}
        )  # fmt: skip
    # Old Town by hand: 4 of 2,000 under 45 (0.002) and 30 of 1,000 from 45 (0.03);
    # the European standard puts 54% of people under 45: 0.54 × 0.002 + 0.46 × 0.03
    # = 0.01488, 14.88 per 1,000; the crude rate is 34 / 3,000, 11.33 per 1,000.
    old_town = next(row for row in rows if row["district"] == "old-town")
    old_town.update({"cases_0-44": 4, "people_0-44": 2000, "cases_45+": 30, "people_45+": 1000})
    old_town.update(change)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def form(**extra):
    return {
        "city_districts": "on", "id_field": "district", "cases_field": "cases",
        "population_field": "people", "permutations": "99", "seed": "7",
        "standard": "esp2013", **extra,
    }  # fmt: skip


def upload(text):
    return SimpleUploadedFile("counts.csv", text.encode(), "text/csv")


def test_the_city_has_a_dozen_neighbouring_districts(settings):
    districts = city_districts(id_field="id")["features"]
    assert len(districts) >= 12
    assert {"old-town", "north-bank"} <= {f["properties"]["id"] for f in districts}


def test_a_csv_alone_maps_the_districts_with_age_standardised_rates(client, db, manager):
    sign_in(client, manager)
    posted = form(data=upload(counts_csv()), publish="on", title="Asthma, 2025")
    html = client.post(URL, posted).content.decode()
    assert "There is a problem" not in html
    assert html.count("<path ") == len(district_slugs())
    assert "Age-standardised rate per 1,000" in html
    assert "European Standard Population 2013" in html
    # Every area's figures, as published (Old Town has 34 cases: enough to show).
    geojson = json.loads(client.get("/open-data/hotspots.geojson").content)
    [old_town] = [
        f["properties"] for f in geojson["features"] if f["properties"]["id"] == "old-town"
    ]
    assert old_town["rate"] == pytest.approx(34 / 3000)
    assert old_town["age_standardised_rate"] == pytest.approx(0.01488)


def test_the_city_districts_need_the_counts(client, db, manager):
    sign_in(client, manager)
    html = client.post(URL, form()).content.decode()
    assert "Choose the CSV of cases and population for the city" in html
    html = client.post(URL, {**form(), "city_districts": ""}).content.decode()
    assert "Choose the GeoJSON file of the areas, or use the city" in html


def test_a_bad_count_is_named_with_its_row(client, db, manager):
    sign_in(client, manager)
    html = client.post(URL, form(data=upload(counts_csv(**{"cases_45+": 1500})))).content.decode()
    assert "age band 45+: cases 1500 exceed the population 1000" in html
    assert "<path " not in html


def test_the_command_reads_a_csv_against_the_city_districts(tmp_path, capsys, settings):
    path = tmp_path / "counts.csv"
    path.write_text(counts_csv())
    call_command(
        "analytics", "hotspots", "--city-districts", "--data", str(path), "--id", "district",
        "--cases", "cases", "--population", "people", "--permutations", "99", "--seed", "7",
        "--json",
    )  # fmt: skip
    printed = json.loads(capsys.readouterr().out)
    [old_town] = [a for a in printed["areas"] if a["id"] == "old-town"]
    assert old_town["age_standardised_rate"] == pytest.approx(0.01488)
    assert old_town["rate"] == pytest.approx(34 / 3000)
