"""Coordinates of safety's server-drawn SVG charts: a sensor's readings over
time (with its thresholds and forecast) and grouped bars of response times.
Pure Python, no Django: labels come in already formatted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 40


@dataclass(frozen=True)
class Tick:
    at: float  # x for a time tick, y for a value tick
    label: str


@dataclass(frozen=True)
class Rule:
    """A horizontal line across the plot: a threshold."""

    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    baseline: float
    readings: str  # SVG path; gaps in the readings break the line
    forecast: str  # dashed path of the forecast's mean ("" when there is none)
    band: str  # closed path of the forecast's interval ("" when there is none)
    rules: tuple[Rule, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def nice_range(low: float, high: float) -> tuple[float, float, float]:
    """A rounded (bottom, top, step) covering [low, high] in four or five steps."""
    if high < low:
        low, high = high, low
    if high == low:
        low, high = low - 1, high + 1
    raw = (high - low) / 4
    magnitude = 10 ** _floor_log10(raw)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    bottom = step * _floor(low / step)
    top = step * _ceil(high / step)
    return bottom, top, step


def _floor_log10(value: float) -> int:
    exponent = 0
    while value >= 10:
        value /= 10
        exponent += 1
    while value < 1:
        value *= 10
        exponent -= 1
    return exponent


def _floor(value: float) -> int:
    whole = int(value)
    return whole - 1 if whole > value else whole


def _ceil(value: float) -> int:
    whole = int(value)
    return whole + 1 if whole < value else whole


def line_chart(
    readings: Sequence[tuple[int, float | None]],
    *,
    start: int,
    end: int,
    time_label: Callable[[int], str],
    value_label: Callable[[float], str] = "{:g}".format,
    thresholds: Sequence[tuple[float, str]] = (),
    forecast: Sequence[tuple[int, float, float, float]] = (),
    gap: int | None = None,
) -> LineChart:
    """Readings as (Unix second, value or None) between `start` and `end`.

    `forecast` holds (second, mean, lower, upper); `gap` is the silence in
    seconds after which the line is broken rather than drawn across.
    """
    end = max(end, *(f[0] for f in forecast)) if forecast else end
    values = [v for _t, v in readings if v is not None]
    values += [t for t, _label in thresholds]
    values += [x for f in forecast for x in f[1:]]
    bottom, top, step = nice_range(min(values, default=0.0), max(values, default=1.0))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    span = max(end - start, 1)

    def x(second: int) -> float:
        return round(LEFT + (second - start) / span * plot_w, 1)

    def y(value: float) -> float:
        return round(baseline - (value - bottom) / (top - bottom) * plot_h, 1)

    parts: list[str] = []
    previous: int | None = None
    for second, value in readings:
        if value is None:
            previous = None
            continue
        move = previous is None or (gap is not None and second - previous > gap)
        parts.append(f"{'M' if move else 'L'}{x(second):g} {y(value):g}")
        previous = second
    mean = " ".join(
        f"{'M' if i == 0 else 'L'}{x(f[0]):g} {y(f[1]):g}" for i, f in enumerate(forecast)
    )
    band = ""
    if forecast:
        upper = [f"{x(f[0]):g} {y(f[3]):g}" for f in forecast]
        lower = [f"{x(f[0]):g} {y(f[2]):g}" for f in reversed(forecast)]
        band = "M" + " L".join(upper + lower) + " Z"
    count = round((top - bottom) / step)
    y_ticks = tuple(
        Tick(y(bottom + step * i), value_label(bottom + step * i)) for i in range(count + 1)
    )
    x_ticks = tuple(
        Tick(x(start + span * i // 4), time_label(start + span * i // 4)) for i in range(5)
    )
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        baseline=baseline,
        readings=" ".join(parts),
        forecast=mean,
        band=band,
        rules=tuple(Rule(y(value), label) for value, label in thresholds),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
    )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int


@dataclass(frozen=True)
class Group:
    label: str
    x: float  # the middle of the group, where its label goes
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    baseline: float
    groups: tuple[Group, ...]
    y_ticks: tuple[Tick, ...]


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[float | None]]],
    *,
    value_label: Callable[[float], str] = "{:g}".format,
) -> BarChart:
    """Side-by-side bars, one group per label and one bar per series (None: no bar)."""
    values = [v for _label, series in groups for v in series if v is not None]
    _bottom, top, step = nice_range(0.0, max(values, default=1.0) or 1.0)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    slot = plot_w / max(len(groups), 1)
    drawn = []
    for index, (label, series) in enumerate(groups):
        inner = slot * 0.7 / max(len(series), 1)
        bars = []
        for number, value in enumerate(series):
            if value is None:
                continue
            height = max(value, 0.0) / top * plot_h
            bars.append(
                Bar(
                    x=round(LEFT + index * slot + slot * 0.15 + number * inner, 1),
                    y=round(baseline - height, 1),
                    width=round(inner * 0.9, 1),
                    height=round(height, 1),
                    series=number,
                )
            )
        drawn.append(Group(label, round(LEFT + index * slot + slot / 2, 1), tuple(bars)))
    count = round(top / step)
    ticks = tuple(
        Tick(round(baseline - plot_h * i / count, 1), value_label(step * i))
        for i in range(count + 1)
    )
    return BarChart(WIDTH, HEIGHT, LEFT, baseline, tuple(drawn), ticks)
