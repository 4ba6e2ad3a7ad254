"""One line of a phone order."""

from __future__ import annotations

from orderdesk.quantity import parse_quantity
from orderdesk.sku import normalize_sku


def parse_order_line(line: str) -> tuple[str, int]:
    """(sku, quantity) for a "<sku>, <quantity>" line such as "ab-123, 4 pcs"."""
    if line.count(",") != 1:
        raise ValueError(f"expected '<sku>, <quantity>': {line!r}")
    sku, quantity = line.split(",")
    return normalize_sku(sku), parse_quantity(quantity)
