"""Summaries of multi-leg trips."""

from __future__ import annotations

from tripcalc.convert import km_to_miles


def trip_summary(legs_km: list[float], digits: int = 2) -> str:
    """"<n> legs, <total miles> mi" for a trip's legs given in kilometres."""
    return f"{len(legs_km)} legs, {km_to_miles(sum(legs_km), digits=digits)} mi"
