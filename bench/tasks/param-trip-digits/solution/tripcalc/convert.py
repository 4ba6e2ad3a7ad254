"""Distance units."""

from __future__ import annotations

MILES_PER_KM = 0.621371


def km_to_miles(km: float, digits: int = 2) -> float:
    """Kilometres to miles, rounded to `digits` decimals."""
    return round(km * MILES_PER_KM, digits)
