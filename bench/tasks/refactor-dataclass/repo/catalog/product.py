"""A product in the catalogue."""

from __future__ import annotations


class Product:
    def __init__(self, sku: str, name: str, price: float, tags: tuple[str, ...] = ()) -> None:
        self.sku = sku
        self.name = name
        self.price = price
        self.tags = tags

    def __repr__(self) -> str:
        return f"Product(sku={self.sku!r}, name={self.name!r}, price={self.price!r}, tags={self.tags!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Product):
            return NotImplemented
        return (self.sku, self.name, self.price, self.tags) == (other.sku, other.name, other.price, other.tags)

    def with_price(self, price: float) -> Product:
        """A copy with another price."""
        return Product(self.sku, self.name, price, self.tags)
