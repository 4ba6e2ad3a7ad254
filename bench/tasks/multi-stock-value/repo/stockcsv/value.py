"""What the stock is worth."""

from __future__ import annotations


def stock_value(text: str) -> float:
    """Sum of quantity * unit_price over the inventory CSV, rounded to 2 decimals."""
    raise NotImplementedError


def value_by_sku(text: str) -> dict[str, float]:
    """quantity * unit_price per SKU (rounded to 2 decimals); a SKU on several lines is summed."""
    raise NotImplementedError
