"""The sensor registry as CSV or GeoJSON, both ways.

CSV columns (a header row; order free):

    id,name,kind,latitude,longitude,network,owner_agency,expected_interval_s,
    unit,area,threshold_low,threshold_high

GeoJSON: a FeatureCollection of Points whose properties are the same fields
but latitude and longitude. `unit` may be left empty (the kind's unit); if
given it must be the kind's unit, since plausibility bounds are in that unit.
`area` may be left empty: the district containing the point is used.

An import is checked whole before anything is written; every bad row is
reported with its row number and the reason, and then nothing is stored.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from townhall.core.geography import area_at, areas
from townhall.safety.kinds import KINDS
from townhall.safety.models import DetectorCheckpoint, Sensor, SensorNetwork

REQUIRED = ("id", "name", "kind", "latitude", "longitude", "network", "expected_interval_s")
OPTIONAL = ("owner_agency", "unit", "area", "threshold_low", "threshold_high")
COLUMNS = (*REQUIRED, *OPTIONAL)


class RegistryError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SensorRow:
    code: str
    fields: dict[str, Any]


def _number(text: Any, name: str, problems: list[str], where: str) -> float | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = float(text)
    except (TypeError, ValueError):
        problems.append(f"{where}: {name} {str(text)[:30]!r} is not a number")
        return None
    if not math.isfinite(value):
        problems.append(f"{where}: {name} must be a finite number")
        return None
    return value


def _row(raw: dict[str, Any], where: str, networks: dict[str, SensorNetwork]) -> SensorRow | None:
    problems: list[str] = []
    text = {key: ("" if raw.get(key) is None else str(raw.get(key)).strip()) for key in COLUMNS}
    for name in REQUIRED:
        if not text[name]:
            problems.append(f"{where}: {name} is empty")
    if problems:
        raise RegistryError(problems)
    code, kind = text["id"], text["kind"]
    if len(code) > 64:
        problems.append(f"{where}: id is longer than 64 characters")
    if kind not in KINDS:
        problems.append(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    latitude = _number(text["latitude"], "latitude", problems, where)
    longitude = _number(text["longitude"], "longitude", problems, where)
    if latitude is not None and not -90 <= latitude <= 90:
        problems.append(f"{where}: latitude {latitude} is outside -90..90")
    if longitude is not None and not -180 <= longitude <= 180:
        problems.append(f"{where}: longitude {longitude} is outside -180..180")
    network = networks.get(text["network"])
    if network is None:
        problems.append(f"{where}: no sensor network {text['network']!r}")
    interval = _number(text["expected_interval_s"], "expected_interval_s", problems, where)
    if interval is not None and not (interval.is_integer() and 1 <= interval <= 86_400 * 7):
        problems.append(f"{where}: expected_interval_s must be whole seconds from 1 to 604800")
    unit = text["unit"]
    if kind in KINDS and unit and unit != KINDS[kind].unit:
        problems.append(f"{where}: unit {unit!r} is not {kind}'s unit {KINDS[kind].unit!r}")
    low = _number(text["threshold_low"], "threshold_low", problems, where)
    high = _number(text["threshold_high"], "threshold_high", problems, where)
    if low is not None and high is not None and low >= high:
        problems.append(f"{where}: threshold_low must be below threshold_high")
    area = text["area"]
    if area and area not in {a.slug for a in areas()}:
        problems.append(f"{where}: area {area!r} is not one of the city's districts")
    if problems:
        raise RegistryError(problems)
    assert latitude is not None and longitude is not None and network is not None
    return SensorRow(
        code,
        {
            "name": text["name"][:200],
            "kind": kind,
            "unit": KINDS[kind].unit,
            "latitude": latitude,
            "longitude": longitude,
            "area": area or area_at(latitude, longitude),
            "network": network,
            "owner_agency": (text["owner_agency"] or network.owner_agency)[:200],
            "expected_interval_s": int(interval or 0),
            "threshold_low": low,
            "threshold_high": high,
        },
    )


def _rows_from_csv(data: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(data))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise RegistryError([f"the header lacks column(s): {', '.join(missing)}"])
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise RegistryError([f"unknown column(s): {', '.join(unknown)}"])
    reader.fieldnames = header
    return [(f"row {number}", dict(row)) for number, row in enumerate(reader, start=2)]


def _rows_from_geojson(data: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        collection = json.loads(data)
    except json.JSONDecodeError as exc:
        raise RegistryError([f"not valid JSON: {exc.msg} at character {exc.pos}"]) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise RegistryError(["not a GeoJSON FeatureCollection"])
    rows = []
    for number, feature in enumerate(collection.get("features") or [], start=1):
        where = f"feature {number}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            raise RegistryError([f"{where}: the geometry must be a Point"])
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list) or len(coordinates) < 2:
            raise RegistryError([f"{where}: the Point has no coordinates"])
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            raise RegistryError([f"{where}: properties must be an object"])
        rows.append(
            (
                where,
                {**properties, "longitude": coordinates[0], "latitude": coordinates[1]},
            )
        )
    return rows


def registry_parse(data: str, *, fmt: str) -> list[SensorRow]:
    """Every row checked; RegistryError lists all the problems found."""
    try:
        raw_rows = _rows_from_csv(data) if fmt == "csv" else _rows_from_geojson(data)
    except csv.Error as exc:
        raise RegistryError([f"the CSV cannot be read: {exc}"]) from None
    if not raw_rows:
        raise RegistryError(["the file lists no sensors"])
    networks = {network.slug: network for network in SensorNetwork.objects.all()}
    problems: list[str] = []
    rows: list[SensorRow] = []
    seen: dict[str, str] = {}
    for where, raw in raw_rows:
        try:
            row = _row(raw, where, networks)
        except RegistryError as exc:
            problems.extend(exc.problems)
            continue
        if row is None:
            continue
        if row.code in seen:
            problems.append(f"{where}: sensor id {row.code!r} is already on {seen[row.code]}")
            continue
        seen[row.code] = where
        rows.append(row)
    if problems:
        raise RegistryError(problems)
    return rows


@transaction.atomic
def sensors_import(*, data: str, fmt: str) -> tuple[int, int]:
    """Create or update the listed sensors; (created, updated). All or nothing."""
    rows = registry_parse(data, fmt=fmt)
    existing = {s.code: s for s in Sensor.objects.filter(code__in=[row.code for row in rows])}
    created = updated = 0
    for row in rows:
        sensor = existing.get(row.code)
        if sensor is None:
            Sensor.objects.create(code=row.code, **row.fields)
            created += 1
            continue
        kind_changed = sensor.kind != row.fields["kind"]
        for name, value in row.fields.items():
            setattr(sensor, name, value)
        if kind_changed:
            # What the detector learned about another quantity means nothing now.
            DetectorCheckpoint.objects.filter(sensor=sensor).delete()
            sensor.detector_state_ts = None
            sensor.detector_epoch += 1
        sensor.save()
        updated += 1
    return created, updated


def _record(sensor: Sensor) -> dict[str, Any]:
    return {
        "id": sensor.code,
        "name": sensor.name,
        "kind": sensor.kind,
        "unit": sensor.unit,
        "area": sensor.area,
        "network": sensor.network.slug,
        "owner_agency": sensor.owner_agency,
        "expected_interval_s": sensor.expected_interval_s,
        "threshold_low": sensor.threshold_low,
        "threshold_high": sensor.threshold_high,
    }


def registry_export(*, fmt: str) -> str:
    sensors = Sensor.objects.select_related("network").order_by("code")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for sensor in sensors:
            record = _record(sensor)
            writer.writerow(
                {
                    **{k: ("" if v is None else v) for k, v in record.items()},
                    "latitude": sensor.latitude,
                    "longitude": sensor.longitude,
                }
            )
        return out.getvalue()
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [sensor.longitude, sensor.latitude]},
            "properties": _record(sensor),
        }
        for sensor in sensors
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
