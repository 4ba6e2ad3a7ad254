"""A customer's cart."""

from __future__ import annotations

from collections.abc import Iterable


class Cart:
    """The SKUs a customer picked, in order.

    `items` gives the cart's starting content; it is copied, so later changes to the caller's
    list do not change the cart (and changes to the cart do not change the caller's list).
    """

    def __init__(self, owner: str, items: Iterable[str] | None = None) -> None:
        self.owner = owner
        self.items = list(items) if items is not None else []

    def add(self, sku: str) -> None:
        self.items.append(sku)

    def count(self) -> int:
        return len(self.items)
