"""A customer's cart."""

from __future__ import annotations


class Cart:
    """The SKUs a customer picked, in order.

    `items` gives the cart's starting content; it is copied, so later changes to the caller's
    list do not change the cart (and changes to the cart do not change the caller's list).
    """

    def __init__(self, owner: str, items: list[str] = []) -> None:
        self.owner = owner
        self.items = items

    def add(self, sku: str) -> None:
        self.items.append(sku)

    def count(self) -> int:
        return len(self.items)
