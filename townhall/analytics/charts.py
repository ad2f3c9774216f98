"""Coordinates of the server-drawn SVG bar charts. Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # the period, under the bar
    value: str  # the figure, as the table shows it ("" when withheld or absent)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]


def _nice_top(top: float) -> float:
    if top <= 0:
        return 1.0
    step = 10 ** len(str(int(top))) / 10 if top >= 1 else 0.1
    while step * 5 < top:
        step *= 2
    while step * 2.5 >= top and step > 0.01:
        step /= 2
    return step * 5 if step * 5 >= top else step * 10


def bar_chart(
    points: Sequence[tuple[str, float | None, str]],
    *,
    top: float | None = None,
    tick_format: str = "{:g}",
) -> BarChart:
    """Bars for (period label, value or None, formatted value); `top` fixes the scale
    (1.0 for rates) so that charts of a share never exaggerate a small change."""
    values = [value for _label, value, _text in points if value is not None]
    scale = top if top is not None else _nice_top(max(values, default=0.0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    slot = plot_w / max(len(points), 1)
    bars = []
    for index, (label, value, text) in enumerate(points):
        height = 0.0 if value is None else max(value, 0.0) / scale * plot_h
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=text if value is not None else "",
            )
        )
    ticks = tuple(
        Tick(y=round(baseline - plot_h * i / 4, 1), label=tick_format.format(scale * i / 4))
        for i in range(5)
    )
    return BarChart(WIDTH, HEIGHT, LEFT, baseline, tuple(bars), ticks)
