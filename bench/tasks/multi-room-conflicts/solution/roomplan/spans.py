"""Date spans written as "YYYY-MM-DD..YYYY-MM-DD"."""

from __future__ import annotations

from datetime import date


def parse_span(text: str) -> tuple[date, date]:
    """(first, last) for "2024-03-01..2024-03-05" or a single date; ValueError otherwise."""
    parts = text.strip().split("..")
    if len(parts) == 1:
        day = date.fromisoformat(parts[0])
        return day, day
    if len(parts) != 2:
        raise ValueError(f"not a span: {text!r}")
    first, last = (date.fromisoformat(part) for part in parts)
    if last < first:
        raise ValueError(f"span ends before it starts: {text!r}")
    return first, last
