"""Totals per month and category."""

from __future__ import annotations

from collections.abc import Iterable


def monthly_totals(lines: Iterable[str]) -> dict[tuple[str, str], float]:
    """{("YYYY-MM", category): total} over export lines parsed with parse_expense, totals rounded
    to cents, keys sorted. Blank lines are skipped."""
    raise NotImplementedError
