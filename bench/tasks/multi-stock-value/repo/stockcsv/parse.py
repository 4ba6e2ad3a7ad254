"""Reading the warehouse's inventory CSV."""

from __future__ import annotations

Row = tuple[str, int, float]  # (sku, quantity, unit_price)


def parse_inventory(text: str) -> list[Row]:
    """Rows of an inventory CSV with the header "sku,quantity,unit_price".

    Returns (sku, quantity as int, unit_price as float) per data line, in file order. Blank lines
    are skipped; spaces around fields are stripped. A header other than exactly
    "sku,quantity,unit_price" (after stripping) raises ValueError.
    """
    raise NotImplementedError
