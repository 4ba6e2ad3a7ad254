"""Shipping quotes."""

from __future__ import annotations

from parcels.weight import billable_weight

PRICE_PER_KG = {"domestic": 1.1, "eu": 2.4, "world": 5.9}
BASE_FEE = {"domestic": 3.9, "eu": 8.5, "world": 19.0}


def quote(parcels: list[tuple[float, float, float, float]], zone: str) -> float:
    """The price of shipping the parcels to `zone`, rounded to cents."""
    if zone not in PRICE_PER_KG:
        raise ValueError(f"unknown zone {zone!r}")
    return round(sum(BASE_FEE[zone] + PRICE_PER_KG[zone] * billable_weight(*parcel) for parcel in parcels), 2)
