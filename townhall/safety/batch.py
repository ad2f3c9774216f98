"""The shape of a batch of readings, checked before anything is stored.

One JSON shape for both paths (HTTP and MQTT):

    {"readings": [{"sensor": "riv-level-01", "time": "2026-11-26T10:00:00Z", "value": 1.42}, …]}

`time` is an ISO 8601 instant with its UTC offset, or Unix seconds; `value` a
number or null (a missing value). Over MQTT a message may also be one reading
without `sensor`, which then comes from the topic. A batch that breaks this
shape anywhere is refused whole, with the first problem named; what is wrong
with a well-formed reading (an unknown sensor, an absurd value, a duplicate)
is decided per reading by the ingester.

Pure Python: no Django, so the fuzz tests can hammer it on their own.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

FIELDS = {"sensor", "time", "value"}
MAX_SENSOR_ID = 64


class BatchError(ValueError):
    """A batch that is not of the agreed shape; nothing of it is stored."""


@dataclass(frozen=True)
class RawReading:
    index: int
    sensor: str
    ts: int
    value: float | None


def _reject_constant(name: str) -> Any:
    raise BatchError(f"{name} is not a number JSON allows")


def batch_from_json(data: bytes | str) -> Any:
    """Parse bytes as strict JSON (no NaN or Infinity)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise BatchError("the batch is not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BatchError(f"the batch is not valid JSON: {exc.msg} at character {exc.pos}") from None
    except RecursionError:
        raise BatchError("the batch is nested too deeply") from None


def _time(value: Any, where: str) -> int:
    if isinstance(value, bool):
        raise BatchError(f"{where}: time must be a date-time or Unix seconds, not a boolean")
    if isinstance(value, int | float):
        if not math.isfinite(value) or not 0 <= value < 10**11:
            raise BatchError(f"{where}: time {value!r} is not a plausible Unix time in seconds")
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise BatchError(f"{where}: time {value[:40]!r} is not an ISO 8601 date-time") from None
        if moment.tzinfo is None:
            raise BatchError(
                f"{where}: time {value[:40]!r} has no UTC offset (add Z or +01:00, for example)"
            )
        try:
            seconds = moment.timestamp()
        except (OverflowError, ValueError):
            seconds = -1.0
        if not 0 <= seconds < 10**11:
            raise BatchError(f"{where}: time {value[:40]!r} is not a plausible date")
        return int(seconds)
    raise BatchError(f"{where}: time must be a date-time string or Unix seconds")


def _value(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BatchError(f"{where}: value must be a number or null")
    number = float(value)
    if not math.isfinite(number):
        raise BatchError(f"{where}: value must be a finite number")
    return number


def batch_parse(payload: Any, *, max_readings: int, sensor: str | None = None) -> list[RawReading]:
    """The readings of a batch, in the order sent, or BatchError.

    `sensor` is the sensor id a transport already knows (the MQTT topic's);
    it fills in readings that leave `sensor` out and must agree with those
    that name one.
    """
    if isinstance(payload, dict) and "readings" in payload:
        extra = set(payload) - {"readings"}
        if extra:
            raise BatchError(f"unknown field(s) in the batch: {', '.join(sorted(extra))}")
        items = payload["readings"]
        if not isinstance(items, list):
            raise BatchError("readings must be a list")
    elif isinstance(payload, dict) and sensor is not None:
        items = [payload]
    else:
        raise BatchError('the batch must be an object with a "readings" list')
    if not items:
        raise BatchError("the batch has no readings")
    if len(items) > max_readings:
        raise BatchError(f"the batch has {len(items)} readings; the most allowed is {max_readings}")
    readings = []
    for index, item in enumerate(items):
        where = f"reading {index}"
        if not isinstance(item, dict):
            raise BatchError(f"{where}: must be an object")
        extra = set(item) - FIELDS
        if extra:
            raise BatchError(f"{where}: unknown field(s) {', '.join(sorted(map(str, extra)))}")
        name = item.get("sensor", sensor)
        if not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_SENSOR_ID:
            raise BatchError(
                f"{where}: sensor must be a sensor id of 1 to {MAX_SENSOR_ID} characters"
            )
        name = name.strip()
        if sensor is not None and name != sensor:
            raise BatchError(f"{where}: sensor {name!r} differs from the topic's {sensor!r}")
        if "time" not in item:
            raise BatchError(f"{where}: time is missing")
        if "value" not in item:
            raise BatchError(f"{where}: value is missing (send null for a missing value)")
        readings.append(
            RawReading(index, name, _time(item["time"], where), _value(item["value"], where))
        )
    return readings
