"""Invoice lines."""

from __future__ import annotations

from billing.tax import with_vat


def line_total(unit_price: float, quantity: int) -> float:
    """Price of one invoice line, VAT included, rounded to cents."""
    return with_vat(unit_price * quantity)
