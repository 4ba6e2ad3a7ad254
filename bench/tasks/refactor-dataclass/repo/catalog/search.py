"""Finding products."""

from __future__ import annotations

from catalog.product import Product


def tagged(products: list[Product], tag: str) -> list[Product]:
    return [product for product in products if tag in product.tags]
