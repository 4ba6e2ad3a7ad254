"""Bookings that overlap."""

from __future__ import annotations

from roomplan.spans import parse_span


def find_conflicts(bookings: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, of bookings whose spans share at least one day (sorted)."""
    spans = [parse_span(text) for text in bookings]
    pairs = []
    for i, (first_a, last_a) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            first_b, last_b = spans[j]
            if first_a <= last_b and first_b <= last_a:
                pairs.append((i, j))
    return pairs
