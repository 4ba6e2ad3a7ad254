"""What carriers charge by: the billable weight of a parcel."""

from __future__ import annotations

import math

VOLUME_DIVISOR = 5000  # cm³ per kg


def billable_weight(length_cm: float, width_cm: float, height_cm: float, actual_kg: float) -> float:
    """max(actual, volumetric) weight, rounded up to the next half kilogram."""
    if min(length_cm, width_cm, height_cm, actual_kg) <= 0:
        raise ValueError("dimensions and weight must be positive")
    volumetric = length_cm * width_cm * height_cm / VOLUME_DIVISOR
    return math.ceil(max(actual_kg, volumetric) * 2) / 2
