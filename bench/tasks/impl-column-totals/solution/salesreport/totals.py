"""Totals of numeric CSV columns."""

from __future__ import annotations


def column_totals(rows: list[dict[str, str]], columns: list[str]) -> dict[str, float]:
    """Sum the given columns over CSV rows; empty or missing values count as 0."""
    totals = {column: 0.0 for column in columns}
    for row in rows:
        for column in columns:
            value = (row.get(column) or "").strip()
            if value:
                totals[column] += float(value)
    return totals
