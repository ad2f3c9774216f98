import json

from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.analytics.tests.sids import sids_geojson
from townhall.analytics.tests.test_performance_pages_show_figures_and_withhold_small_counts import (
    sign_in,
)

URL = "/staff/analytics/hotspots/"


def upload(path):
    return SimpleUploadedFile("areas.geojson", path.read_bytes(), "application/geo+json")


def test_the_sids_upload_shows_the_known_clusters_on_a_map_and_in_a_table(
    client, db, manager, tmp_path
):
    sign_in(client, manager)
    form = {
        "areas": upload(sids_geojson(tmp_path / "sids.geojson")),
        "id_field": "NAME", "cases_field": "SID79", "population_field": "BIR79",
        "permutations": "999", "seed": "12345",
    }  # fmt: skip
    html = client.post(URL, form).content.decode()
    assert html.count("<path ") == 100
    assert "seed 12345" in html
    table = html[html.index("Areas in a significant cluster") :]
    for county in ("Burke", "Cleveland", "Hoke", "Richmond", "Robeson"):
        assert f'<th scope="row" class="govuk-table__header">{county}</th>' in table


def test_bad_rows_are_listed_and_nothing_is_computed(client, db, manager, tmp_path):
    sign_in(client, manager)
    path = sids_geojson(tmp_path / "sids.geojson")
    data = json.loads(path.read_text())
    data["features"][4]["properties"]["SID79"] = -2
    path.write_text(json.dumps(data))
    html = client.post(
        URL,
        {"areas": upload(path), "id_field": "NAME", "cases_field": "SID79",
         "population_field": "BIR79", "permutations": "99"},
    ).content.decode()  # fmt: skip
    assert "There is a problem" in html
    assert "row 5 (area " in html and "is negative" in html
    assert "<path " not in html


def test_caseworkers_cannot_run_it(client, db, caseworker):
    sign_in(client, caseworker)
    assert client.get(URL).status_code == 403
