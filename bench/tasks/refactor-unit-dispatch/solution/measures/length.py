"""Converting lengths."""

from __future__ import annotations

METRES_PER_UNIT: dict[str, float] = {
    "mm": 0.001,
    "cm": 0.01,
    "m": 1.0,
    "km": 1000.0,
    "in": 0.0254,
    "ft": 0.3048,
    "yd": 0.9144,
}


def to_metres(value: float, unit: str) -> float:
    """`value` in `unit` (one of METRES_PER_UNIT) as metres; unknown units raise ValueError."""
    try:
        factor = METRES_PER_UNIT[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}") from None
    return value * factor


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` converted between two units."""
    return to_metres(value, from_unit) / to_metres(1.0, to_unit)
