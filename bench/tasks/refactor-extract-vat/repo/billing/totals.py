"""Invoice totals."""

from __future__ import annotations


def invoice_total(lines: list[tuple[float, int]]) -> float:
    """Total of (unit_price, quantity) lines, VAT (20 %) included, rounded to cents."""
    net = sum(price * quantity for price, quantity in lines)
    return round(net * 1.2, 2)


def shipping_total(net_shipping: float) -> float:
    """Shipping cost with VAT (20 %), rounded to cents."""
    return round(net_shipping * 1.2, 2)
