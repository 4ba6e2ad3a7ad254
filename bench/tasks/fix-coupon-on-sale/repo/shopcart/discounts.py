"""Percentage discounts."""

from __future__ import annotations

from collections.abc import Iterable


def apply_percent(cents: int, percent: float) -> int:
    """`cents` with `percent` % taken off, rounded to the nearest cent; percent must be 0..100."""
    if not 0 <= percent <= 100:
        raise ValueError(f"percent out of range: {percent}")
    return round(cents * (100 - percent) / 100)


def combined_price(cents: int, percents: Iterable[float]) -> int:
    """The price after several discounts, applied one after the other in the given order (each
    to the price the previous ones left), rounding to the cent after each step."""
    total_percent = sum(percents)
    return apply_percent(cents, min(total_percent, 100))
