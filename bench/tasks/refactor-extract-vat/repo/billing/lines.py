"""Invoice lines."""

from __future__ import annotations


def line_total(unit_price: float, quantity: int) -> float:
    """Price of one invoice line, VAT (20 %) included, rounded to cents."""
    return round(unit_price * quantity * 1.2, 2)
