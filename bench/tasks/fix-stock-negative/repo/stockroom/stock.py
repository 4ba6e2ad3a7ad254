"""Units on hand per SKU."""

from __future__ import annotations


class InsufficientStock(Exception):
    """Raised when more units are removed than the shelf holds."""


class Stock:
    """Units on hand per SKU."""

    def __init__(self) -> None:
        self._units: dict[str, int] = {}

    def add(self, sku: str, units: int) -> None:
        if units <= 0:
            raise ValueError("units must be positive")
        self._units[sku] = self._units.get(sku, 0) + units

    def remove(self, sku: str, units: int) -> None:
        """Take units off the shelf.

        Raises InsufficientStock, and changes nothing, when the shelf holds fewer units.
        """
        if units <= 0:
            raise ValueError("units must be positive")
        self._units[sku] = self._units.get(sku, 0) - units

    def units(self, sku: str) -> int:
        return self._units.get(sku, 0)
