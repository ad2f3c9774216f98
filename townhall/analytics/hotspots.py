"""Where cases concentrate: area rates, smoothing and spatial clusters (PySAL).

Pure module (no Django): the `townhall analytics hotspots` command, the pages and the
benchmark all call `areas_from_geojson` then `hotspots_compute`.

Rates of small areas are noisy (three cases among 200 people looks alarming and means
little), so clusters are looked for in Empirical Bayes smoothed rates, which pull each
area's rate towards the overall rate in proportion to how little data it has.
"""

from __future__ import annotations

import math
import secrets
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from townhall.analytics.age_standard import (
    ESP2013,
    POOLED,
    AgeBandError,
    Band,
    band_columns,
    direct_rate,
    esp2013_weights,
    pooled_weights,
)

STANDARD_NAMES = {
    ESP2013: "European Standard Population 2013",
    POOLED: "the uploaded areas' population together",
}
LISA_QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
NOT_SIGNIFICANT = "ns"
NO_NEIGHBOURS = "isolated"
POLYGON_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based position of the feature (or CSV data row) in the upload
    area: str
    reason: str

    def __str__(self) -> str:
        label = f" (area {self.area})" if self.area else ""
        return f"row {self.row}{label}: {self.reason}"


class HotspotInputError(ValueError):
    """The upload was rejected; `problems` lists every bad row, nothing was computed."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Area:
    id: str
    cases: float
    population: float
    geometry: BaseGeometry = field(repr=False, compare=False)
    # With age bands: the bands (the same for every area), and cases and people in each.
    age_bands: tuple[Band, ...] = ()
    band_cases: tuple[float, ...] = ()
    band_population: tuple[float, ...] = ()


@dataclass(frozen=True)
class AreaResult:
    id: str
    cases: float
    population: float
    rate: float
    smoothed_rate: float
    lisa_quadrant: str  # HH, LL, HL, LH (whatever the p-value), or "isolated"
    lisa_cluster: str  # the quadrant when significant, else "ns" (or "isolated")
    lisa_i: float
    lisa_p: float
    gi_z: float
    gi_p: float
    gi_cluster: str  # "hot", "cold" or "ns"
    age_standardised_rate: float | None = None  # only when the upload has age bands


@dataclass(frozen=True)
class HotspotResult:
    areas: list[AreaResult]
    moran_i: float
    moran_p: float
    permutations: int
    seed: int
    alpha: float
    fdr: bool
    threshold: float  # the p-value an area must reach (alpha, or the FDR cut-off)
    age_bands: tuple[str, ...] = ()
    age_standard: str | None = None  # "esp2013" or "pooled" when there are age bands

    def as_json(self) -> dict[str, Any]:
        return {
            "method": {
                "weights": "queen contiguity",
                "rate": "cases / population",
                "smoothed_rate": "global Empirical Bayes",
                "age_standardised_rate": (
                    None
                    if self.age_standard is None
                    else f"direct, {STANDARD_NAMES[self.age_standard]}"
                ),
                "age_standard": self.age_standard,
                "age_bands": list(self.age_bands),
                "permutations": self.permutations,
                "seed": self.seed,
                "alpha": self.alpha,
                "fdr": self.fdr,
                "threshold": _finite(self.threshold),
            },
            "moran": {"i": _finite(self.moran_i), "p": _finite(self.moran_p)},
            "areas": [
                {key: _finite(value) for key, value in asdict(area).items()} for area in self.areas
            ],
        }


def _finite(value: Any) -> Any:
    # JSON has no NaN; an isolated area's statistics are simply absent.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _p(value: Any) -> float:
    # Pseudo p-values are (k + 1) / (permutations + 1); esda keeps some as float32,
    # whose binary noise (0.4269999861…) would otherwise show in the JSON.
    return round(float(value), 6)  # finer than 1 / (permutations + 1) for any allowed count


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _check_counts(
    row: int, area: str, cases: Any, population: Any
) -> tuple[list[Problem], float, float]:
    problems = []
    cases_n, population_n = _number(cases), _number(population)
    if cases_n is None:
        problems.append(Problem(row, area, f"cases {cases!r} is not a number"))
    elif cases_n < 0:
        problems.append(Problem(row, area, f"cases {cases_n:g} is negative"))
    if population_n is None:
        problems.append(Problem(row, area, f"population {population!r} is not a number"))
    elif population_n <= 0:
        problems.append(Problem(row, area, f"population {population_n:g} must be above zero"))
    if not problems and cases_n is not None and population_n is not None and cases_n > population_n:
        problems.append(
            Problem(row, area, f"cases {cases_n:g} exceed the population {population_n:g}")
        )
    return problems, cases_n or 0.0, population_n or 0.0


def _geometry(row: int, area: str, raw: Any) -> tuple[list[Problem], BaseGeometry | None]:
    if not isinstance(raw, Mapping) or raw.get("type") not in POLYGON_TYPES:
        kind = raw.get("type") if isinstance(raw, Mapping) else raw
        return [
            Problem(row, area, f"geometry must be a Polygon or MultiPolygon, not {kind!r}")
        ], None
    try:
        geometry = shape(raw)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        return [Problem(row, area, f"geometry cannot be read: {exc}")], None
    if geometry.is_empty:
        return [Problem(row, area, "geometry is empty")], None
    if not geometry.is_valid:
        return [Problem(row, area, f"geometry is broken: {explain_validity(geometry)}")], None
    return [], geometry


def _check_bands(
    row: int,
    area: str,
    record: Mapping[str, Any],
    bands: Sequence[Band],
    fields: tuple[str, str],
) -> tuple[list[Problem], tuple[float, ...], tuple[float, ...]]:
    cases_field, population_field = fields
    problems, cases, population = [], [], []
    for band in bands:
        raw_c, raw_p = record.get(f"{cases_field}_{band}"), record.get(f"{population_field}_{band}")
        c, p = _number(raw_c), _number(raw_p)
        if c is None or p is None:
            bad, value = (f"{cases_field}_{band}", raw_c) if c is None else (
                f"{population_field}_{band}", raw_p
            )  # fmt: skip
            problems.append(Problem(row, area, f"{bad} {value!r} is not a number"))
        elif c < 0 or p < 0:
            problems.append(Problem(row, area, f"age band {band} has a negative count"))
        elif c > p:
            problems.append(
                Problem(row, area, f"age band {band}: cases {c:g} exceed the population {p:g}")
            )
        cases.append(c or 0.0)
        population.append(p or 0.0)
    return problems, tuple(cases), tuple(population)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _totals(
    row: int,
    area: str,
    record: Mapping[str, Any],
    fields: tuple[str, str],
    sums: tuple[float, float],
) -> tuple[list[Problem], Any, Any]:
    """Totals of an area with age bands: the band sums, or the columns when they agree."""
    problems: list[Problem] = []
    totals: list[Any] = []
    for field_name, total in zip(fields, sums, strict=True):
        raw = record.get(field_name)
        if _blank(raw):
            totals.append(total)
            continue
        given = _number(raw)
        if given is not None and abs(given - total) > 1e-9 * max(1.0, abs(total)):
            problems.append(
                Problem(
                    row, area, f"{field_name} {given:g} is not the sum of its age bands {total:g}"
                )
            )
        totals.append(raw)
    return problems, totals[0], totals[1]


def areas_from_geojson(
    collection: Mapping[str, Any],
    *,
    id_field: str,
    cases_field: str,
    population_field: str,
    counts: Iterable[Mapping[str, Any]] | None = None,
) -> list[Area]:
    """Areas from a GeoJSON FeatureCollection, or HotspotInputError naming each bad row.

    Cases and population come from the features' properties, or, when `counts` (rows of a
    CSV upload keyed by the same column names) is given, from those rows joined on the id.
    Columns `<cases_field>_<band>` and `<population_field>_<band>` add age bands (see
    `age_standard`); the total columns may then be left out (the bands are added up).
    """
    if not isinstance(collection, Mapping) or collection.get("type") != "FeatureCollection":
        raise HotspotInputError([Problem(0, "", "the file is not a GeoJSON FeatureCollection")])
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise HotspotInputError([Problem(0, "", "the FeatureCollection has no features")])
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    rows: list[tuple[str, Mapping[str, Any], BaseGeometry | None]] = []
    for row, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, Mapping) else None
        properties = properties if isinstance(properties, Mapping) else {}
        raw_id = properties.get(id_field)
        area = "" if raw_id is None else str(raw_id).strip()
        if not area:
            problems.append(Problem(row, "", f"property {id_field!r} is missing"))
            continue
        if area in seen:
            problems.append(Problem(row, area, f"the id repeats row {seen[area]}"))
            continue
        seen[area] = row
        bad, geometry = _geometry(row, area, feature.get("geometry"))
        problems.extend(bad)
        rows.append((area, properties, geometry))
    records: list[Mapping[str, Any]] = [record for _a, record, _g in rows]
    if counts is not None:
        records = list(counts)
        joined: dict[str, Mapping[str, Any]] = {}
        for row, data in enumerate(records, start=1):
            area = str(data.get(id_field, "") or "").strip()
            if area not in seen:
                problems.append(Problem(row, area, "unknown area id: no boundary has it"))
            elif area in joined:
                problems.append(Problem(row, area, "the id appears twice in the data"))
            else:
                joined[area] = data
        missing = [area for area in seen if area not in joined]
        problems.extend(Problem(seen[a], a, "no data row for this area") for a in missing)
        rows = [(a, joined.get(a, {}), g) for a, _r, g in rows]
    fields = (cases_field, population_field)
    try:
        columns = {str(key) for record in records for key in record}
        bands = tuple(
            band_columns(columns, cases_field=cases_field, population_field=population_field)
        )
    except AgeBandError as exc:
        raise HotspotInputError([Problem(0, "", str(exc)), *problems]) from None
    areas = []
    for area, record, geometry in rows:
        cases, population = record.get(cases_field), record.get(population_field)
        band_cases: tuple[float, ...] = ()
        band_population: tuple[float, ...] = ()
        if bands:
            bad, band_cases, band_population = _check_bands(seen[area], area, record, bands, fields)
            if bad:
                problems.extend(bad)
                continue
            sums = (float(sum(band_cases)), float(sum(band_population)))
            bad, cases, population = _totals(seen[area], area, record, fields, sums)
            problems.extend(bad)
        bad, cases_n, population_n = _check_counts(seen[area], area, cases, population)
        problems.extend(bad)
        if geometry is not None:
            areas.append(
                Area(area, cases_n, population_n, geometry, bands, band_cases, band_population)
            )
    if problems:
        raise HotspotInputError(sorted(problems, key=lambda p: p.row))
    return areas


def empirical_bayes(cases: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Global Empirical Bayes rates (Marshall 1991), as esda's `Empirical_Bayes`, except
    that a negative estimate of the variance between areas is taken as zero.

    esda keeps it negative, and then the weight given to an area's own rate leaves
    [0, 1] and "smoothing" can push a rate far beyond the mean (11 per 1,000 came out
    as 1 per 1,000 among areas all near 12). With zero variance between areas every
    rate is the overall rate: the differences are what chance alone would give.
    """
    overall = cases.sum() / population.sum()
    rate = cases / population
    if overall == 0:
        return np.zeros_like(rate)  # no cases anywhere: nothing to smooth
    spread = float((population * (rate - overall) ** 2).sum() / population.sum())
    between = max(spread - overall / population.mean(), 0.0)
    weight = between / (between + overall / population)
    return np.asarray(weight * rate + (1.0 - weight) * overall, dtype=float)


def hotspots_compute(
    areas: Sequence[Area],
    *,
    permutations: int = 999,
    seed: int | None = None,
    alpha: float = 0.05,
    fdr: bool = False,
    standard: str = ESP2013,
) -> HotspotResult:
    """Rates, EB-smoothed rates, Moran's I, Local Moran and Gi* over queen contiguity,
    and directly age-standardised rates when the areas carry age bands.

    `standard`: "esp2013" (European Standard Population 2013) or "pooled" (all the
    areas' people together, band by band); ValueError when the bands cannot use it.
    """
    # Imported here so that reading and validating an upload stays cheap.
    import esda
    from libpysal.weights import Queen

    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    if len(areas) < 3:
        raise ValueError("at least three areas are needed to look for clusters")
    if standard not in STANDARD_NAMES:
        raise ValueError(f"unknown age standard {standard!r}: use esp2013 or pooled")
    standardised = _age_standardised(areas, standard)
    if seed is None:
        seed = secrets.randbelow(2**31)
    cases = np.array([a.cases for a in areas], dtype=float)
    population = np.array([a.population for a in areas], dtype=float)
    rate = cases / population
    smoothed = empirical_bayes(cases, population)
    if np.ptp(smoothed) == 0:
        raise ValueError(
            "the areas' rates differ no more than chance alone would make them differ, so "
            "every smoothed rate is the overall rate and there are no clusters to look for"
        )

    with warnings.catch_warnings():
        # libpysal warns about islands and disconnected components; both are reported
        # per area below ("isolated"), so the warning only adds noise to the CLI.
        warnings.simplefilter("ignore")
        weights = Queen.from_iterable([a.geometry for a in areas])
        isolated = np.array([weights.cardinalities[i] == 0 for i in range(len(areas))])
        weights.transform = "r"
        # esda's global Moran takes no seed and draws from NumPy's global generator.
        np.random.seed(seed)
        moran = esda.Moran(smoothed, weights, permutations=permutations)
        lisa = esda.Moran_Local(smoothed, weights, permutations=permutations, seed=seed)
        gi = esda.G_Local(
            smoothed, weights, transform="B", star=True, permutations=permutations, seed=seed
        )
    threshold = alpha
    if fdr:
        threshold = float(esda.fdr(np.concatenate([lisa.p_sim, gi.p_sim]), alpha))
    results = []
    for i, area in enumerate(areas):
        quadrant = NO_NEIGHBOURS if isolated[i] else LISA_QUADRANTS[int(lisa.q[i])]
        significant = not isolated[i] and lisa.p_sim[i] <= threshold
        gi_z = float(gi.Zs[i])
        gi_significant = not isolated[i] and gi.p_sim[i] <= threshold
        results.append(
            AreaResult(
                id=area.id,
                cases=area.cases,
                population=area.population,
                rate=float(rate[i]),
                smoothed_rate=float(smoothed[i]),
                lisa_quadrant=quadrant,
                lisa_cluster=quadrant if significant or isolated[i] else NOT_SIGNIFICANT,
                lisa_i=float("nan") if isolated[i] else float(lisa.Is[i]),
                lisa_p=float("nan") if isolated[i] else _p(lisa.p_sim[i]),
                gi_z=float("nan") if isolated[i] else gi_z,
                gi_p=float("nan") if isolated[i] else _p(gi.p_sim[i]),
                gi_cluster=("hot" if gi_z > 0 else "cold") if gi_significant else NOT_SIGNIFICANT,
                age_standardised_rate=standardised[i] if standardised else None,
            )
        )
    # With permutations, esda's Moran also offers p_sim; the one-sided pseudo p-value
    # fits "is there clustering at all" better than the normal approximation.
    return HotspotResult(
        areas=results,
        moran_i=float(moran.I),
        moran_p=_p(moran.p_sim),
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        fdr=fdr,
        threshold=threshold,
        age_bands=tuple(str(band) for band in areas[0].age_bands),
        age_standard=standard if standardised else None,
    )


def _age_standardised(areas: Sequence[Area], standard: str) -> list[float]:
    bands = areas[0].age_bands
    if not bands:
        return []
    if any(area.age_bands != bands for area in areas):
        raise ValueError("every area must have the same age bands")
    try:
        if standard == POOLED:
            weights = pooled_weights([area.band_population for area in areas])
        else:
            weights = esp2013_weights(bands)
    except AgeBandError as exc:
        raise ValueError(str(exc)) from None
    return [direct_rate(a.band_cases, a.band_population, weights) for a in areas]
