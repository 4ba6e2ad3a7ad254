"""Shipping quotes."""

from __future__ import annotations

PRICE_PER_KG = {"domestic": 1.1, "eu": 2.4, "world": 5.9}
BASE_FEE = {"domestic": 3.9, "eu": 8.5, "world": 19.0}


def quote(parcels: list[tuple[float, float, float, float]], zone: str) -> float:
    """The price of shipping `parcels`, each (length_cm, width_cm, height_cm, actual_kg), to a zone.

    Every parcel costs BASE_FEE[zone] + PRICE_PER_KG[zone] * its billable weight (see
    parcels.weight.billable_weight); the total is rounded to cents. An unknown zone raises
    ValueError; an empty list costs 0.0.
    """
    raise NotImplementedError
