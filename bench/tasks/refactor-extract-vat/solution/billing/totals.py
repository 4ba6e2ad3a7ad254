"""Invoice totals."""

from __future__ import annotations

from billing.tax import with_vat


def invoice_total(lines: list[tuple[float, int]]) -> float:
    """Total of (unit_price, quantity) lines, VAT included, rounded to cents."""
    return with_vat(sum(price * quantity for price, quantity in lines))


def shipping_total(net_shipping: float) -> float:
    """Shipping cost with VAT, rounded to cents."""
    return with_vat(net_shipping)
