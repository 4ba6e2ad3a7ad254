"""Order statistics of samples."""

from __future__ import annotations

from collections.abc import Sequence


def middle(values: Sequence[float]) -> float:
    """The median of already sorted values: the middle one, or the mean of the two middle ones."""
    if not values:
        raise ValueError("no values")
    half = len(values) // 2
    if len(values) % 2:
        return values[half]
    return (values[half - 1] + values[half]) / 2


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank p-th percentile (0 < p <= 100) of already sorted values."""
    if not values:
        raise ValueError("no values")
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    rank = -(-p * len(values) // 100)
    return values[int(rank) - 1]
