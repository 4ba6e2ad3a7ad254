"""Totals per month and category."""

from __future__ import annotations

from collections.abc import Iterable

from household.expense import parse_expense


def monthly_totals(lines: Iterable[str]) -> dict[tuple[str, str], float]:
    """{("YYYY-MM", category): total}, totals rounded to cents, keys sorted; blank lines skipped."""
    totals: dict[tuple[str, str], float] = {}
    for line in lines:
        if not line.strip():
            continue
        day, category, amount = parse_expense(line)
        key = (f"{day:%Y-%m}", category)
        totals[key] = totals.get(key, 0.0) + amount
    return {key: round(total, 2) for key, total in sorted(totals.items())}
