"""Reading the warehouse's inventory CSV."""

from __future__ import annotations

HEADER = "sku,quantity,unit_price"

Row = tuple[str, int, float]  # (sku, quantity, unit_price)


def parse_inventory(text: str) -> list[Row]:
    """Rows of an inventory CSV with the header "sku,quantity,unit_price" (see the task)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or lines[0].strip() != HEADER:
        raise ValueError(f"expected the header {HEADER!r}")
    rows: list[Row] = []
    for line in lines[1:]:
        sku, quantity, price = (field.strip() for field in line.split(","))
        rows.append((sku, int(quantity), float(price)))
    return rows
