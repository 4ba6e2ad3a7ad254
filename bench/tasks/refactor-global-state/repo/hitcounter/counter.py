"""Counting page hits."""

from __future__ import annotations

_COUNTS: dict[str, int] = {}


def hit(page: str) -> int:
    """Count one hit of `page`; returns its new count."""
    _COUNTS[page] = _COUNTS.get(page, 0) + 1
    return _COUNTS[page]


def count(page: str) -> int:
    return _COUNTS.get(page, 0)


def top(n: int) -> list[tuple[str, int]]:
    """The `n` most visited pages as (page, count), most hits first, ties by page name."""
    return sorted(_COUNTS.items(), key=lambda item: (-item[1], item[0]))[:n]


def reset() -> None:
    global _COUNTS
    _COUNTS = {}
