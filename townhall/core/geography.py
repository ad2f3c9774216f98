"""The city's map: its boundary, districts (the areas that incidents, hazard
warnings and subscriptions name), river and main roads, from one bundled
GeoJSON file, so maps work with no tile server and no network.

An installation replaces the file with its own through TOWNHALL_CITY_GEOJSON
(features with a `layer` property: boundary, district, river or road;
districts also carry `slug` and `name`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.prepared import prep

DEFAULT_CITY = Path(__file__).resolve().parent / "data" / "city.geojson"


@dataclass(frozen=True)
class Area:
    slug: str
    name: str


def city_path() -> Path:
    from django.conf import settings

    return Path(getattr(settings, "CITY_GEOJSON", "") or DEFAULT_CITY)


@cache
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def city_geojson() -> dict[str, Any]:
    return _load(city_path())


def areas() -> list[Area]:
    return [
        Area(feature["properties"]["slug"], feature["properties"]["name"])
        for feature in city_geojson()["features"]
        if feature["properties"].get("layer") == "district"
    ]


def area_name(slug: str) -> str:
    return next((area.name for area in areas() if area.slug == slug), slug)


@cache
def _shapes(path: Path) -> list[tuple[str, Any]]:
    return [
        (feature["properties"]["slug"], prep(shape(feature["geometry"])))
        for feature in _load(path)["features"]
        if feature["properties"].get("layer") == "district"
    ]


def area_at(latitude: float, longitude: float) -> str:
    """The slug of the district containing the point, or "" outside the city."""
    point = Point(longitude, latitude)
    for slug, polygon in _shapes(city_path()):
        if polygon.covers(point):
            return slug
    return ""


@cache
def _centres(path: Path) -> dict[str, tuple[float, float]]:
    centres = {}
    for slug, polygon in _shapes(path):
        point = polygon.context.representative_point()
        centres[slug] = (point.x, point.y)
    return centres


def area_centre(slug: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a point inside the district, where something
    placed only by its district is drawn; None for an unknown slug."""
    return _centres(city_path()).get(slug)
