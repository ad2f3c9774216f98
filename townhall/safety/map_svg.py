"""The city map drawn as SVG on the server, for pages without JavaScript and
for the public warnings page. Pure Python, no Django.

Longitude and latitude are projected onto the SVG box of the city's bounds
(equirectangular, with longitude shrunk by the cosine of the middle latitude
so that a district keeps its shape at a city's scale).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

PADDING = 8.0

Ring = Sequence[Sequence[float]]


@dataclass(frozen=True)
class District:
    slug: str
    name: str
    d: str
    label_x: float
    label_y: float
    highlighted: bool


@dataclass(frozen=True)
class Line:
    name: str
    d: str


@dataclass(frozen=True)
class MarkerIn:
    """A point to draw: `state` picks its colour (the template's choice)."""

    longitude: float
    latitude: float
    label: str
    state: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str
    state: str


@dataclass(frozen=True)
class CityMap:
    width: int
    height: int
    boundary: tuple[str, ...]
    districts: tuple[District, ...]
    rivers: tuple[Line, ...]
    roads: tuple[Line, ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Projection:
    min_lon: float
    max_lat: float
    scale_x: float
    scale_y: float

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        return (
            round(PADDING + (longitude - self.min_lon) * self.scale_x, 1),
            round(PADDING + (self.max_lat - latitude) * self.scale_y, 1),
        )


def _positions(geometry: dict[str, Any]) -> Iterable[Sequence[float]]:
    kind, coordinates = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        yield coordinates
    elif kind in ("LineString", "MultiPoint"):
        yield from coordinates
    elif kind in ("Polygon", "MultiLineString"):
        for ring in coordinates:
            yield from ring
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            for ring in polygon:
                yield from ring


def bounds(geojson: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of every feature."""
    points = [p for f in geojson["features"] for p in _positions(f["geometry"])]
    if not points:
        raise ValueError("the city map has no coordinates")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def projection(box: tuple[float, float, float, float], *, width: int) -> tuple[Projection, int]:
    """The projection onto an SVG `width` wide, and the height that keeps the shape."""
    min_lon, min_lat, max_lon, max_lat = box
    squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * squeeze, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * PADDING) / span_x
    height = round(span_y * scale + 2 * PADDING)
    return Projection(min_lon, max_lat, scale * squeeze, scale), height


def _path(project: Projection, ring: Ring, *, closed: bool) -> str:
    points = [project(p[0], p[1]) for p in ring]
    if not points:
        return ""
    d = "M" + " L".join(f"{x:g} {y:g}" for x, y in points)
    return d + " Z" if closed else d


def _rings(geometry: dict[str, Any]) -> list[Ring]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _lines(geometry: dict[str, Any]) -> list[Ring]:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    return _rings(geometry)  # a river drawn as an area


def ring_centre(ring: Ring) -> tuple[float, float]:
    """The area-weighted centre of a ring (its vertices' mean when it has no area)."""
    points = [(p[0], p[1]) for p in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-15:
        return (
            sum(p[0] for p in points) / len(points),
            sum(p[1] for p in points) / len(points),
        )
    return cx / (3 * area), cy / (3 * area)


def city_map(
    geojson: dict[str, Any],
    *,
    width: int = 640,
    highlight: Iterable[str] = (),
    markers: Sequence[MarkerIn] = (),
) -> CityMap:
    """The SVG shapes of the city's layers, with `highlight`ed districts and `markers`."""
    project, height = projection(bounds(geojson), width=width)
    wanted = set(highlight)
    boundary: list[str] = []
    districts: list[District] = []
    rivers: list[Line] = []
    roads: list[Line] = []
    for feature in geojson["features"]:
        properties, geometry = feature["properties"], feature["geometry"]
        layer = properties.get("layer")
        if layer == "boundary":
            boundary += [_path(project, ring, closed=True) for ring in _rings(geometry)]
        elif layer == "district":
            rings = _rings(geometry)
            if not rings:
                continue
            label_x, label_y = project(*ring_centre(rings[0]))
            districts.append(
                District(
                    slug=properties["slug"],
                    name=properties.get("name", properties["slug"]),
                    d=" ".join(_path(project, ring, closed=True) for ring in rings),
                    label_x=label_x,
                    label_y=label_y,
                    highlighted=properties["slug"] in wanted,
                )
            )
        elif layer in ("river", "road"):
            line = Line(
                name=properties.get("name", ""),
                d=" ".join(_path(project, ring, closed=False) for ring in _lines(geometry)),
            )
            (rivers if layer == "river" else roads).append(line)
    drawn = tuple(
        Marker(*project(m.longitude, m.latitude), label=m.label, state=m.state) for m in markers
    )
    return CityMap(
        width=width,
        height=height,
        boundary=tuple(boundary),
        districts=tuple(districts),
        rivers=tuple(rivers),
        roads=tuple(roads),
        markers=drawn,
    )
