"""What the stock is worth."""

from __future__ import annotations

from stockcsv.parse import parse_inventory


def stock_value(text: str) -> float:
    """Sum of quantity * unit_price over the inventory CSV, rounded to 2 decimals."""
    return round(sum(quantity * price for _, quantity, price in parse_inventory(text)), 2)


def value_by_sku(text: str) -> dict[str, float]:
    """quantity * unit_price per SKU (rounded to 2 decimals); a SKU on several lines is summed."""
    values: dict[str, float] = {}
    for sku, quantity, price in parse_inventory(text):
        values[sku] = values.get(sku, 0.0) + quantity * price
    return {sku: round(value, 2) for sku, value in values.items()}
