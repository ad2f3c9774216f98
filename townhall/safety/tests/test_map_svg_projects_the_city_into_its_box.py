"""The server-drawn map puts the city's corners at the corners of its SVG box,
keeps the city's shape, and draws every layer of the bundled city map."""

from __future__ import annotations

import re

import pytest

from townhall.core.geography import city_geojson
from townhall.safety.map_svg import MarkerIn, city_map, projection, ring_centre

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"layer": "district", "slug": "a", "name": "A"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]],
            },
        }
    ],
}


def test_corners_go_to_the_corners_of_the_box():
    project, height = projection((0.0, 0.0, 2.0, 1.0), width=216)
    # 200 units for 2 degrees, so 100 for the 1 degree of latitude, plus
    # 8 units of padding on each side.
    assert height == 116
    assert project(0, 1) == (8, 8)  # north-west at the top left
    assert project(2, 0) == (208, 108)  # south-east at the bottom right


def test_longitude_is_shrunk_away_from_the_equator():
    _project, height = projection((0.0, 60.0, 2.0, 61.0), width=216)
    # At 60.5°N a degree of longitude is about half a degree of latitude.
    assert height == pytest.approx(8 + 200 / (2 * 0.4924) + 8, abs=1)


def test_a_square_district_and_its_label():
    drawn = city_map(SQUARE, width=216, highlight=["a"])
    (district,) = drawn.districts
    assert district.d == "M8 108 L208 108 L208 8 L8 8 L8 108 Z"
    assert district.highlighted
    assert (district.label_x, district.label_y) == (108, 58)
    assert ring_centre([[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]) == (1, 0.5)


def test_the_bundled_city_has_every_layer_inside_the_box():
    city = city_geojson()
    drawn = city_map(city, markers=[MarkerIn(-0.097, 51.507, "gauge", "alerting")])
    assert len(drawn.districts) == 12
    assert drawn.boundary and drawn.rivers and len(drawn.roads) == 6
    numbers = [
        float(n)
        for shape in (*drawn.boundary, *(d.d for d in drawn.districts), *(r.d for r in drawn.roads))
        for n in re.findall(r"-?\d+(?:\.\d+)?", shape)
    ]
    assert min(numbers) >= 8 - 0.1
    assert max(numbers) <= max(drawn.width, drawn.height) - 8 + 0.1
    (marker,) = drawn.markers
    assert 8 <= marker.x <= drawn.width - 8 and 8 <= marker.y <= drawn.height - 8
