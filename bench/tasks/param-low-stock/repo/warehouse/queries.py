"""Questions asked about stock levels."""

from __future__ import annotations


def low_stock(levels: dict[str, int]) -> list[str]:
    """SKUs with fewer than 5 units, sorted."""
    return sorted(sku for sku, units in levels.items() if units < 5)
