"""SVG paths of area boundaries for the server-drawn choropleth. Pure Python (shapely)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

WIDTH = 640
MAX_HEIGHT = 560
PAD = 4


@dataclass(frozen=True)
class MapShape:
    width: int
    height: int
    paths: tuple[str, ...]


def svg_paths(geometries: Sequence[BaseGeometry]) -> MapShape:
    """One path per geometry, fitted into the picture with north up (plain x/y scaling:
    fine for a town or a region, where the projection barely matters)."""
    xs0, ys0, xs1, ys1 = zip(*(g.bounds for g in geometries), strict=True)
    left, bottom, right, top = min(xs0), min(ys0), max(xs1), max(ys1)
    span_x, span_y = (right - left) or 1.0, (top - bottom) or 1.0
    scale = min((WIDTH - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    height = int(span_y * scale + 2 * PAD)

    def ring(coords: Sequence[tuple[float, ...]]) -> str:
        points = [
            f"{(x - left) * scale + PAD:.1f},{(top - y) * scale + PAD:.1f}" for x, y, *_ in coords
        ]
        return "M" + "L".join(points) + "Z"

    def polygon(p: Polygon) -> str:
        return ring(p.exterior.coords) + "".join(ring(i.coords) for i in p.interiors)

    paths = []
    for geometry in geometries:
        parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        paths.append("".join(polygon(part) for part in parts))
    return MapShape(WIDTH, height, tuple(paths))
