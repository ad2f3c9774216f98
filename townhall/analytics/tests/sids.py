"""The North Carolina SIDS data that ships inside libpysal, written out as GeoJSON."""

from __future__ import annotations

import json
from pathlib import Path

import libpysal
from libpysal import examples


def sids_geojson(path: Path) -> Path:
    table = libpysal.io.open(examples.get_path("sids2.dbf"))
    columns = table.header
    shapes = libpysal.io.open(examples.get_path("sids2.shp"))
    features = [
        {
            "type": "Feature",
            "properties": dict(zip(columns, record, strict=True)),
            "geometry": polygon.__geo_interface__,
        }
        for record, polygon in zip(table, shapes, strict=True)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path
