"""Coordinates for the results page's server-drawn SVG: cost against votes,
and project locations in a plain box. Pure Python, no Django, no tiles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    key: str
    x: float
    y: float
    funded: bool


@dataclass(frozen=True)
class Axis:
    label: str
    position: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    margin: int
    points: tuple[Point, ...]
    x_ticks: tuple[Axis, ...]
    y_ticks: tuple[Axis, ...]


def _ticks(top: float, count: int = 4) -> list[float]:
    return [top * i / count for i in range(count + 1)]


def scatter(
    rows: Sequence[tuple[str, float, float, bool]],
    *,
    width: int = 640,
    height: int = 360,
    margin: int = 56,
) -> Chart:
    """rows: (key, cost, votes, funded). Cost runs along x, votes up y."""
    top_x = max((r[1] for r in rows), default=0) or 1
    top_y = max((r[2] for r in rows), default=0) or 1
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    points = tuple(
        Point(
            key=key,
            x=round(margin + inner_w * cost / top_x, 1),
            y=round(height - margin - inner_h * votes / top_y, 1),
            funded=funded,
        )
        for key, cost, votes, funded in rows
    )
    x_ticks = tuple(
        Axis(f"{int(v):,}", round(margin + inner_w * v / top_x, 1)) for v in _ticks(top_x)
    )
    y_ticks = tuple(
        Axis(f"{int(v):,}", round(height - margin - inner_h * v / top_y, 1)) for v in _ticks(top_y)
    )
    return Chart(width, height, margin, points, x_ticks, y_ticks)


def locations(
    rows: Sequence[tuple[str, float, float, bool]],
    *,
    width: int = 640,
    height: int = 400,
    margin: int = 24,
) -> Chart:
    """rows: (key, latitude, longitude, funded), scaled into the box with
    the same scale on both axes (longitude shrunk by the latitude's cosine is
    not worth it at a city's size: the map shows where, not how far)."""
    if not rows:
        return Chart(width, height, margin, (), (), ())
    lats = [r[1] for r in rows]
    longs = [r[2] for r in rows]
    span = max(max(lats) - min(lats), max(longs) - min(longs)) or 1.0
    inner = min(width, height) - 2 * margin
    left = (width - inner) / 2
    points = tuple(
        Point(
            key=key,
            x=round(left + inner * (lon - min(longs)) / span, 1),
            # North is up: the largest latitude is at the top.
            y=round(margin + inner * (max(lats) - lat) / span, 1),
            funded=funded,
        )
        for key, lat, lon, funded in rows
    )
    return Chart(width, height, margin, points, (), ())
