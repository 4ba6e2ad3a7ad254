"""Counting page hits."""

from __future__ import annotations


class HitCounter:
    """Hit counts per page."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def hit(self, page: str) -> int:
        """Count one hit of `page`; returns its new count."""
        self._counts[page] = self._counts.get(page, 0) + 1
        return self._counts[page]

    def count(self, page: str) -> int:
        return self._counts.get(page, 0)

    def top(self, n: int) -> list[tuple[str, int]]:
        """The `n` most visited pages as (page, count), most hits first, ties by page name."""
        return sorted(self._counts.items(), key=lambda item: (-item[1], item[0]))[:n]

    def reset(self) -> None:
        self._counts = {}


default_counter = HitCounter()


def hit(page: str) -> int:
    return default_counter.hit(page)


def count(page: str) -> int:
    return default_counter.count(page)


def top(n: int) -> list[tuple[str, int]]:
    return default_counter.top(n)


def reset() -> None:
    default_counter.reset()
