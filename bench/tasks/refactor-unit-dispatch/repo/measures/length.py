"""Converting lengths."""

from __future__ import annotations


def to_metres(value: float, unit: str) -> float:
    """`value` in `unit` (mm, cm, m, km, in, ft, yd) as metres; unknown units raise ValueError."""
    if unit == "mm":
        return value * 0.001
    elif unit == "cm":
        return value * 0.01
    elif unit == "m":
        return value * 1.0
    elif unit == "km":
        return value * 1000.0
    elif unit == "in":
        return value * 0.0254
    elif unit == "ft":
        return value * 0.3048
    elif unit == "yd":
        return value * 0.9144
    else:
        raise ValueError(f"unknown unit {unit!r}")


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` converted between two units."""
    return to_metres(value, from_unit) / to_metres(1.0, to_unit)
