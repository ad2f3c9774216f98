"""Hotspot benchmark: 3,000 areas, queen contiguity, 999 permutations, under 5 s.

    .venv/bin/python bench/hotspots_bench.py [--rows 60] [--cols 50] [--permutations 999]

Builds a grid of square areas as a GeoJSON FeatureCollection with a planted
cluster of high rates, then times the whole path `townhall analytics hotspots`
takes (validate the upload, queen weights, EB rates, Moran's I, Local Moran and
Gi* with permutations), three runs, and prints each stage. Exits 1 if the
median run takes 5 s or more, or if the planted cluster is not found.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from townhall.analytics.hotspots import areas_from_geojson, hotspots_compute  # noqa: E402

TARGET_SECONDS = 5.0


def grid(rows: int, cols: int, seed: int = 1) -> dict:
    rng = np.random.default_rng(seed)
    features = []
    for r in range(rows):
        for c in range(cols):
            population = int(rng.integers(2_000, 20_000))
            # A 5x5 block in the middle has three times the background rate.
            planted = abs(r - rows // 2) < 3 and abs(c - cols // 2) < 3
            cases = int(rng.binomial(population, 0.03 if planted else 0.01))
            ring = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1], [c, r]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"id": f"{r}-{c}", "cases": cases, "pop": population},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--cols", type=int, default=50)
    parser.add_argument("--permutations", type=int, default=999)
    args = parser.parse_args()
    data = grid(args.rows, args.cols)
    warnings.simplefilter("ignore")
    hotspots_compute(
        areas_from_geojson(data, id_field="id", cases_field="cases", population_field="pop")[:10],
        permutations=9,
        seed=1,
    )  # imports, warm-up
    totals, loads, computes = [], [], []
    for run in range(3):
        started = time.perf_counter()
        areas = areas_from_geojson(data, id_field="id", cases_field="cases", population_field="pop")
        loaded = time.perf_counter()
        result = hotspots_compute(areas, permutations=args.permutations, seed=12345 + run)
        finished = time.perf_counter()
        loads.append(loaded - started)
        computes.append(finished - loaded)
        totals.append(finished - started)
    centre = f"{args.rows // 2}-{args.cols // 2}"
    by_id = {area.id: area for area in result.areas}
    found = by_id[centre].lisa_cluster == "HH" and by_id[centre].gi_cluster == "hot"
    median = statistics.median(totals)
    print(f"{len(areas)} areas, {args.permutations} permutations, 3 runs")
    print(f"  validate upload: median {statistics.median(loads):.3f} s")
    print(f"  statistics:      median {statistics.median(computes):.3f} s")
    print(
        f"  total:           median {median:.3f} s, max {max(totals):.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s)"
    )
    print(f"  Moran's I {result.moran_i:.3f}; planted cluster found: {found}")
    ok = median < TARGET_SECONDS and found
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
