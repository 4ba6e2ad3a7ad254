"""What carriers charge by: the billable weight of a parcel."""

from __future__ import annotations

VOLUME_DIVISOR = 5000  # cm³ per kg


def billable_weight(length_cm: float, width_cm: float, height_cm: float, actual_kg: float) -> float:
    """The larger of the actual weight and the volumetric weight (length * width * height / 5000),
    rounded up to the next half kilogram (2.01 -> 2.5, 2.5 -> 2.5, 0.2 -> 0.5).

    Any dimension or weight that is not positive raises ValueError.
    """
    raise NotImplementedError
