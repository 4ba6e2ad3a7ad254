"""A product in the catalogue."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Product:
    sku: str
    name: str
    price: float
    tags: tuple[str, ...] = ()

    def with_price(self, price: float) -> Product:
        """A copy with another price."""
        return Product(self.sku, self.name, price, self.tags)
