"""Sales per week."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from weekly.weeks import week_key, week_label


def sales_by_week(sales: Iterable[tuple[date, int]]) -> dict[str, int]:
    """Total sales (cents) per ISO week label, weeks in order."""
    totals: dict[tuple[int, int], int] = {}
    for day, cents in sales:
        key = week_key(day)
        totals[key] = totals.get(key, 0) + cents
    return {week_label(key): total for key, total in sorted(totals.items())}


def best_week(sales: Iterable[tuple[date, int]]) -> str | None:
    """The label of the week with the highest total (the earliest on ties), or None."""
    totals = sales_by_week(sales)
    if not totals:
        return None
    return max(totals, key=lambda label: (totals[label], [-ord(ch) for ch in label]))
