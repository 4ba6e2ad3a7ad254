"""Totals for the weekly report."""

from __future__ import annotations

from timesheet.durations import parse_hhmm


def total_hours(entries: list[str]) -> float:
    """Total of "H:MM" entries in hours, rounded to 2 decimals (uses parse_hhmm)."""
    return round(sum(parse_hhmm(entry) for entry in entries) / 60, 2)
