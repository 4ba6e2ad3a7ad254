"""Date ranges of bookings: (first_day, last_day), both days included."""

from __future__ import annotations

from datetime import date, timedelta

DateRange = tuple[date, date]


def merge_ranges(ranges: list[DateRange]) -> list[DateRange]:
    """Merge booking ranges that overlap or touch; sorted result; ValueError for a reversed range."""
    for first, last in ranges:
        if last < first:
            raise ValueError(f"range ends before it starts: {first} .. {last}")
    merged: list[DateRange] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
