"""Distance units."""

from __future__ import annotations

MILES_PER_KM = 0.621371


def km_to_miles(km: float) -> float:
    """Kilometres to miles, rounded to 2 decimals."""
    return round(km * MILES_PER_KM, 2)
