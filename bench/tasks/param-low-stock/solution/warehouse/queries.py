"""Questions asked about stock levels."""

from __future__ import annotations


def low_stock(levels: dict[str, int], threshold: int = 5) -> list[str]:
    """SKUs with fewer than `threshold` units, sorted."""
    return sorted(sku for sku, units in levels.items() if units < threshold)
