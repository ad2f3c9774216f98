"""The city's own districts as hotspot areas, so staff can upload counts alone.

They come from the city map every page draws (townhall/core/data/city.geojson, the
demo city's 12 districts, or the installation's file named by TOWNHALL_CITY_GEOJSON):
features with `layer` "district", identified by their `slug`.
"""

from __future__ import annotations

from typing import Any

from townhall.core.geography import city_geojson


def city_districts(*, id_field: str) -> dict[str, Any]:
    """A FeatureCollection of the districts with the slug under `id_field`, so that a
    CSV whose id column has that name joins onto them."""
    features = []
    for feature in city_geojson()["features"]:
        properties = feature.get("properties") or {}
        if properties.get("layer") != "district":
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": properties.get("name", ""), id_field: properties["slug"]},
                "geometry": feature["geometry"],
            }
        )
    return {"type": "FeatureCollection", "features": features}


def district_names() -> dict[str, str]:
    return {
        feature["properties"]["slug"]: feature["properties"].get("name", "")
        for feature in city_geojson()["features"]
        if (feature.get("properties") or {}).get("layer") == "district"
    }
