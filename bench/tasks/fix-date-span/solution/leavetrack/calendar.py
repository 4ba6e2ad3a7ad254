"""Days covered by a leave request."""

from __future__ import annotations

from datetime import date, timedelta


def days_in_span(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included; `last` before `first` gives []."""
    days: list[date] = []
    current = first
    while current <= last:
        days.append(current)
        current += timedelta(days=1)
    return days


def working_days(first: date, last: date) -> int:
    """Monday-to-Friday days in the span, both ends included."""
    return sum(1 for day in days_in_span(first, last) if day.weekday() < 5)
