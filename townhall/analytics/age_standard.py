"""Direct age standardisation of area rates. Pure module (no Django).

An area of older people has more chronic disease whatever its services do, so a crude
rate compares populations as much as places. The directly age-standardised rate is the
rate the area would have if its people had the ages of one standard population:
sum over bands of (standard share of the band × the area's rate in the band).

Age bands arrive as column pairs named after the count columns: `<cases>_<band>` and
`<population>_<band>`, for example `cases_0-44` and `population_0-44`, `cases_45+` and
`population_45+`. Bands are `LOW-HIGH` (whole years, both included) or `LOW+` (the
last, open band); together they must cover every age from 0 with no gap or overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ESP2013 = "esp2013"
POOLED = "pooled"
STANDARDS = (ESP2013, POOLED)

# European Standard Population 2013 (Eurostat), per 100,000, by five-year band up to 90+.
ESP2013_WEIGHTS: tuple[tuple[int, int | None, int], ...] = (
    (0, 4, 5000),
    (5, 9, 5500),
    (10, 14, 5500),
    (15, 19, 5500),
    (20, 24, 6000),
    (25, 29, 6000),
    (30, 34, 6500),
    (35, 39, 7000),
    (40, 44, 7000),
    (45, 49, 7000),
    (50, 54, 7000),
    (55, 59, 6500),
    (60, 64, 6000),
    (65, 69, 5500),
    (70, 74, 5000),
    (75, 79, 4000),
    (80, 84, 2500),
    (85, 89, 1500),
    (90, None, 1000),
)

_BAND = re.compile(r"^(\d{1,3})(?:-(\d{1,3})|\+)$")


@dataclass(frozen=True, order=True)
class Band:
    low: int
    high: int | None  # None: open-ended ("85+")
    label: str

    def __str__(self) -> str:
        return self.label


class AgeBandError(ValueError):
    """The band columns do not describe one set of ages; the message says why."""


def parse_band(label: str) -> Band | None:
    found = _BAND.match(label.strip())
    if not found:
        return None
    low = int(found[1])
    high = int(found[2]) if found[2] is not None else None
    if high is not None and high < low:
        return None
    return Band(low, high, label.strip())


def band_columns(columns: Iterable[str], *, cases_field: str, population_field: str) -> list[Band]:
    """The age bands among `columns`, youngest first; [] when there are none.

    AgeBandError when a band has cases but no population column (or the reverse),
    when bands overlap or leave a gap, or when the last band is not open-ended.
    """
    cases: dict[str, Band] = {}
    population: dict[str, Band] = {}
    for column in columns:
        for prefix, found in ((cases_field, cases), (population_field, population)):
            if column.startswith(f"{prefix}_"):
                band = parse_band(column[len(prefix) + 1 :])
                if band is not None:
                    found[band.label] = band
    if not cases and not population:
        return []
    for label in sorted(set(cases) ^ set(population)):
        have, lack = (cases_field, population_field) if label in cases else (
            population_field, cases_field
        )  # fmt: skip
        raise AgeBandError(
            f"column {have}_{label} has no matching {lack}_{label}: every age band needs both"
        )
    bands = sorted(cases.values())
    expected = 0
    for band in bands:
        if band.low != expected:
            what = "overlaps the band before it" if band.low < expected else "leaves a gap"
            raise AgeBandError(f"age band {band} {what}: it should start at {expected}")
        if band.high is None:
            if band is not bands[-1]:
                raise AgeBandError(f"age band {band} is open-ended but is not the oldest")
            return bands
        expected = band.high + 1
    raise AgeBandError(f"the oldest age band must be open-ended, like {expected}+")


def esp2013_weights(bands: Sequence[Band]) -> list[float]:
    """The standard's share of each band: its five-year bands added together.

    AgeBandError when a band does not start and end on the standard's five-year
    boundaries (0-4, 5-9, …, 90+), since the standard cannot be split.
    """
    weights = []
    for band in bands:
        if band.low % 5 or band.low > 90:
            raise AgeBandError(
                f"age band {band} cannot use the European Standard Population 2013: bands "
                "must start at 0, 5, 10, … 90 (or use the pooled standard)"
            )
        if band.high is not None and ((band.high + 1) % 5 or band.high >= 90):
            raise AgeBandError(
                f"age band {band} cannot use the European Standard Population 2013: bands "
                "must end at 4, 9, 14, … 89, or be open-ended (or use the pooled standard)"
            )
        top = 10**6 if band.high is None else band.high
        weights.append(float(sum(w for low, _high, w in ESP2013_WEIGHTS if band.low <= low <= top)))
    total = sum(weights)
    return [w / total for w in weights]


def pooled_weights(populations: Sequence[Sequence[float]]) -> list[float]:
    """Every area's people added up, band by band: the upload itself as the standard."""
    totals = [float(sum(column)) for column in zip(*populations, strict=True)]
    whole = sum(totals)
    if whole <= 0:
        raise AgeBandError("the areas have no population to use as the standard")
    return [t / whole for t in totals]


def direct_rate(
    cases: Sequence[float], population: Sequence[float], weights: Sequence[float]
) -> float:
    """The directly age-standardised rate (cases per person, like the crude rate).

    A band without people contributes nothing: with no one there, it can have had
    no cases either (uploads with cases above the population are rejected earlier).
    """
    rate = 0.0
    for c, p, w in zip(cases, population, weights, strict=True):
        if p > 0:
            rate += w * c / p
    return rate
