"""Converting lengths between units."""

from __future__ import annotations


def to_meters(value: float, unit: str) -> float:
    if unit == "mm":
        return value * 0.001
    elif unit == "cm":
        return value * 0.01
    elif unit == "m":
        return value
    elif unit == "km":
        return value * 1000.0
    elif unit == "in":
        return value * 0.0254
    elif unit == "ft":
        return value * 0.3048
    else:
        raise ValueError(f"unknown unit: {unit}")


def from_meters(value: float, unit: str) -> float:
    if unit == "mm":
        return value / 0.001
    elif unit == "cm":
        return value / 0.01
    elif unit == "m":
        return value
    elif unit == "km":
        return value / 1000.0
    elif unit == "in":
        return value / 0.0254
    elif unit == "ft":
        return value / 0.3048
    else:
        raise ValueError(f"unknown unit: {unit}")


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return from_meters(to_meters(value, from_unit), to_unit)
