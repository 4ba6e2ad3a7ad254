"""Converting lengths between units."""

from __future__ import annotations

METERS_PER_UNIT: dict[str, float] = {
    "mm": 0.001,
    "cm": 0.01,
    "m": 1.0,
    "km": 1000.0,
    "in": 0.0254,
    "ft": 0.3048,
}


def _factor(unit: str) -> float:
    try:
        return METERS_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"unknown unit: {unit}") from None


def to_meters(value: float, unit: str) -> float:
    return value * _factor(unit)


def from_meters(value: float, unit: str) -> float:
    return value / _factor(unit)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return from_meters(to_meters(value, from_unit), to_unit)
