"""The daily restock report."""

from __future__ import annotations

from warehouse.queries import low_stock


def restock_report(levels: dict[str, int], threshold: int = 5) -> str:
    """One "reorder <sku> (<n> left)" line per low SKU, or "nothing to reorder"."""
    skus = low_stock(levels, threshold=threshold)
    if not skus:
        return "nothing to reorder"
    return "\n".join(f"reorder {sku} ({levels[sku]} left)" for sku in skus)
