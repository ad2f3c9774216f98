"""What each kind of sensor measures: its unit, and the values no working
sensor of that kind can report (an "absurd" value is rejected, not stored).

Pure Python: the ingester, the registry import and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    unit: str
    minimum: float
    maximum: float
    # The incident type an alert of this kind opens (incident kinds below).
    incident: str
    # Forecast the next 24 hours (river level and air quality).
    forecast: bool = False


KINDS: dict[str, Kind] = {
    "traffic_speed": Kind("km/h", 0, 300, "traffic"),
    "traffic_occupancy": Kind("%", 0, 100, "traffic"),
    "travel_time": Kind("s", 0, 86_400, "traffic"),
    "pm25": Kind("µg/m³", 0, 2_000, "air_quality", forecast=True),
    "no2": Kind("µg/m³", 0, 2_000, "air_quality", forecast=True),
    "river_level": Kind("m", -50, 100, "flood", forecast=True),
    "rainfall": Kind("mm/h", 0, 500, "flood"),
    "noise": Kind("dB(A)", 0, 200, "noise"),
    "temperature": Kind("°C", -90, 65, "heat"),
}

INCIDENT_KINDS = ("flood", "air_quality", "traffic", "noise", "heat", "fire", "other")


def plausible(kind: str, value: float) -> bool:
    spec = KINDS[kind]
    return spec.minimum <= value <= spec.maximum
