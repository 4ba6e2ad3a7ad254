"""Totals for the weekly report."""

from __future__ import annotations


def total_hours(entries: list[str]) -> float:
    """Total of "H:MM" entries in hours, rounded to 2 decimals (uses parse_hhmm)."""
    raise NotImplementedError
