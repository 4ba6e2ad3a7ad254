"""Value-added tax."""

from __future__ import annotations

VAT_RATE = 0.2


def with_vat(net: float) -> float:
    """The gross amount for a net amount, rounded to cents."""
    return round(net * (1 + VAT_RATE), 2)
