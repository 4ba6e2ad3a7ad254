"""Averages of scores."""

from __future__ import annotations

from collections.abc import Sequence


def mean_score(scores: Sequence[float]) -> float:
    """The mean of the scores rounded to 1 decimal; 0.0 for no scores."""
    if not scores:
        return 0.0
    return round(sum(scores) / len(scores), 1)
