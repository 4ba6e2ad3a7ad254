"""Bookings that overlap."""

from __future__ import annotations


def find_conflicts(bookings: list[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, of bookings whose spans share at least one day.

    Each booking is a span text as parse_span reads it. Pairs are sorted.
    """
    raise NotImplementedError
