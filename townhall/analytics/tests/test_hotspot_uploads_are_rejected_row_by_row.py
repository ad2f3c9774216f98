import json

import pytest
from django.core.management import CommandError, call_command

from townhall.analytics.hotspots import HotspotInputError, areas_from_geojson


def square(x, y):
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
    }


def bowtie():
    # A ring that crosses itself: shapely reads it but it is not a valid polygon.
    return {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}


def collection(*rows):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": geometry}
            for props, geometry in rows
        ],
    }


def good(area, x, cases=3, population=100):
    return {"area": area, "cases": cases, "pop": population}, square(x, 0)


def load(data, counts=None):
    return areas_from_geojson(
        data, id_field="area", cases_field="cases", population_field="pop", counts=counts
    )


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (({"area": "C", "cases": -1, "pop": 100}, square(2, 0)), "cases -1 is negative"),
        (({"area": "C", "cases": 101, "pop": 100}, square(2, 0)), "exceed the population 100"),
        (({"area": "C", "cases": "many", "pop": 100}, square(2, 0)), "is not a number"),
        (({"area": "C", "cases": 1, "pop": 0}, square(2, 0)), "must be above zero"),
        (({"area": "C", "cases": 1, "pop": 10}, bowtie()), "geometry is broken"),
        (
            ({"area": "C", "cases": 1, "pop": 10}, {"type": "Point", "coordinates": [0, 0]}),
            "must be a Polygon or MultiPolygon",
        ),
        (
            ({"area": "C", "cases": 1, "pop": 10}, {"type": "Polygon", "coordinates": [[[0]]]}),
            "geometry cannot be read",
        ),
        (({"area": "A", "cases": 1, "pop": 10}, square(2, 0)), "the id repeats row 1"),
        (({"cases": 1, "pop": 10}, square(2, 0)), "property 'area' is missing"),
    ],
)
def test_a_bad_feature_is_named_with_its_row_and_reason(bad_row, reason):
    with pytest.raises(HotspotInputError) as caught:
        load(collection(good("A", 0), good("B", 1), bad_row, good("D", 3)))
    [problem] = caught.value.problems
    assert problem.row == 3
    assert reason in problem.reason
    assert "row 3" in str(caught.value)


def test_every_bad_row_is_reported_not_just_the_first():
    data = collection(good("A", 0, cases=-2), good("B", 1), good("C", 2, cases=500))
    with pytest.raises(HotspotInputError) as caught:
        load(data)
    assert [(p.row, p.area) for p in caught.value.problems] == [(1, "A"), (3, "C")]


def test_data_rows_must_name_known_areas():
    data = collection(good("A", 0), good("B", 1))
    counts = [
        {"area": "A", "cases": "1", "pop": "10"},
        {"area": "B", "cases": "2", "pop": "10"},
        {"area": "Z", "cases": "2", "pop": "10"},
    ]
    with pytest.raises(HotspotInputError) as caught:
        load(data, counts)
    [problem] = caught.value.problems
    assert (problem.row, problem.area) == (3, "Z")
    assert "unknown area id" in problem.reason


def test_data_rows_replace_the_properties():
    data = collection(good("A", 0), good("B", 1))
    counts = [{"area": "B", "cases": "2", "pop": "40"}, {"area": "A", "cases": "1", "pop": "10"}]
    areas = load(data, counts)
    assert [(a.id, a.cases, a.population) for a in areas] == [("A", 1.0, 10.0), ("B", 2.0, 40.0)]


def test_the_command_prints_the_problems_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(collection(good("A", 0), good("B", 1, cases=-3), good("C", 2))))
    with pytest.raises(CommandError, match="nothing was computed"):
        call_command(
            "analytics", "hotspots", "--areas", str(path), "--id", "area",
            "--cases", "cases", "--population", "pop", "--json",
        )  # fmt: skip
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "row 2 (area B): cases -3 is negative" in captured.err
