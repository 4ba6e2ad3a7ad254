"""Shipping costs."""

from __future__ import annotations

FREE_FROM_CENTS = 5000
FLAT_CENTS = 495


def shipping_cents(total_cents: int, express: bool = False) -> int:
    """Flat shipping, free from 50.00 (after discounts); express always costs 9.95."""
    if express:
        return 995
    return 0 if total_cents >= FREE_FROM_CENTS else FLAT_CENTS


def amount_due(total_cents: int, express: bool = False) -> int:
    """Cart total plus shipping."""
    return total_cents + shipping_cents(total_cents, express)
