"""Direct age standardisation from `<cases>_<band>` / `<population>_<band>` columns."""

import csv
import json

import pytest
from django.core.management import call_command

from townhall.analytics.age_standard import esp2013_weights, parse_band
from townhall.analytics.hotspots import HotspotInputError, areas_from_geojson, hotspots_compute


def square(x):
    return {"type": "Polygon", "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]}


def boundaries(ids):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"area": a}, "geometry": square(i)}
            for i, a in enumerate(ids)
        ],
    }


# A: an even mix of ages; B: mostly young, with the same rate as A in each band;
# C: mostly old. Rates per band are 0.002 under 45 and 0.03 from 45.
ROWS = [
    {"area": "A", "cases_0-44": "2", "pop_0-44": "1000", "cases_45+": "30", "pop_45+": "1000"},
    {"area": "B", "cases_0-44": "6", "pop_0-44": "3000", "cases_45+": "30", "pop_45+": "1000"},
    {"area": "C", "cases_0-44": "2", "pop_0-44": "1000", "cases_45+": "90", "pop_45+": "3000"},
]


def load(rows, ids=("A", "B", "C")):
    return areas_from_geojson(
        boundaries(ids), id_field="area", cases_field="cases", population_field="pop", counts=rows
    )


def test_the_european_standard_weighs_the_bands_by_hand():
    # ESP 2013: 0-44 is 5,000 + 3 × 5,500 + 2 × 6,000 + 6,500 + 2 × 7,000 = 54,000 of 100,000.
    assert esp2013_weights([parse_band("0-44"), parse_band("45+")]) == pytest.approx([0.54, 0.46])


def test_each_area_gets_its_directly_standardised_rate():
    areas = load(ROWS)
    # Totals come from the bands when the total columns are absent.
    assert [(a.cases, a.population) for a in areas] == [(32, 2000), (36, 4000), (92, 4000)]
    result = hotspots_compute(areas, permutations=9, seed=1)
    by_id = {a.id: a for a in result.areas}
    # B's crude rate (36 / 4000 = 0.009) is low only because its people are young:
    # 0.54 × 0.002 + 0.46 × 0.03 = 0.01488, the same as A's.
    assert by_id["B"].rate == pytest.approx(0.009)
    assert by_id["A"].age_standardised_rate == pytest.approx(0.01488)
    assert by_id["B"].age_standardised_rate == pytest.approx(0.01488)
    assert by_id["C"].age_standardised_rate == pytest.approx(0.01488)
    assert result.as_json()["method"]["age_bands"] == ["0-44", "45+"]
    assert result.as_json()["method"]["age_standard"] == "esp2013"


def test_the_pooled_standard_uses_the_uploaded_population():
    # Everyone together: 5,000 under 45 and 5,000 from 45, so each band weighs 0.5:
    # 0.5 × 0.002 + 0.5 × 0.03 = 0.016.
    result = hotspots_compute(load(ROWS), permutations=9, seed=1, standard="pooled")
    assert [a.age_standardised_rate for a in result.areas] == pytest.approx([0.016] * 3)


def test_bands_the_european_standard_cannot_split_need_the_pooled_one():
    rows = [
        {"area": r["area"], "cases_0-17": r["cases_0-44"], "pop_0-17": r["pop_0-44"],
         "cases_18+": r["cases_45+"], "pop_18+": r["pop_45+"]}
        for r in ROWS
    ]  # fmt: skip
    with pytest.raises(ValueError, match="must end at 4, 9, 14"):
        hotspots_compute(load(rows), permutations=9, seed=1)
    result = hotspots_compute(load(rows), permutations=9, seed=1, standard="pooled")
    assert result.areas[0].age_standardised_rate == pytest.approx(0.016)


def test_without_bands_there_is_no_standardised_rate():
    rows = [
        {"area": a, "cases": c, "pop": "100"} for a, c in zip("ABC", ("1", "10", "40"), strict=True)
    ]
    result = hotspots_compute(load(rows), permutations=9, seed=1)
    assert [a.age_standardised_rate for a in result.areas] == [None, None, None]
    assert result.as_json()["method"]["age_standard"] is None


@pytest.mark.parametrize(
    ("change", "row", "reason"),
    [
        ({"cases_45+": "1001"}, 2, "age band 45+: cases 1001 exceed the population 1000"),
        ({"pop_0-44": "-5"}, 2, "age band 0-44 has a negative count"),
        ({"cases_0-44": "x"}, 2, "cases_0-44 'x' is not a number"),
        ({"cases": "35"}, 2, "cases 35 is not the sum of its age bands 36"),
    ],
)
def test_a_bad_band_is_named_with_its_row_and_reason(change, row, reason):
    rows = [dict(r) for r in ROWS]
    rows[1].update(change)
    with pytest.raises(HotspotInputError) as caught:
        load(rows)
    [problem] = caught.value.problems
    assert (problem.row, problem.area) == (row, "B")
    assert reason in problem.reason


@pytest.mark.parametrize(
    ("columns", "reason"),
    [
        (("cases_0-39", "pop_0-39", "cases_45+", "pop_45+"), "age band 45+ leaves a gap"),
        (("cases_0-44", "pop_0-44", "cases_40+", "pop_40+"), "age band 40+ overlaps"),
        (("cases_0-44", "pop_0-44", "cases_45-64", "pop_45-64"), "must be open-ended, like 65+"),
        (("cases_0-44", "pop_0-44", "cases_45+"), "cases_45+ has no matching pop_45+"),
    ],
)
def test_band_columns_must_cover_every_age_once(columns, reason):
    rows = [{"area": a, **dict.fromkeys(columns, "1")} for a in "ABC"]
    with pytest.raises(HotspotInputError) as caught:
        load(rows)
    assert caught.value.problems[0].row == 0
    assert reason in caught.value.problems[0].reason


def test_the_command_prints_the_standardised_rates(tmp_path, capsys):
    areas, data = tmp_path / "areas.geojson", tmp_path / "counts.csv"
    areas.write_text(json.dumps(boundaries("ABC")))
    with data.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    call_command(
        "analytics", "hotspots", "--areas", str(areas), "--data", str(data), "--id", "area",
        "--cases", "cases", "--population", "pop", "--permutations", "9", "--seed", "1", "--json",
    )  # fmt: skip
    printed = json.loads(capsys.readouterr().out)
    assert printed["method"]["age_standard"] == "esp2013"
    assert [a["age_standardised_rate"] for a in printed["areas"]] == pytest.approx([0.01488] * 3)
