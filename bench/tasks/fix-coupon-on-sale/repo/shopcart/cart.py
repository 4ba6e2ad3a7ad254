"""The cart: items, their sale discounts, and the customer's coupon."""

from __future__ import annotations

from dataclasses import dataclass, field

from shopcart.discounts import combined_price


@dataclass(frozen=True)
class Item:
    sku: str
    price_cents: int
    sale_percent: float = 0.0


@dataclass
class Cart:
    items: list[tuple[Item, int]] = field(default_factory=list)
    coupon_percent: float = 0.0

    def add(self, item: Item, quantity: int = 1) -> None:
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        self.items.append((item, quantity))

    def unit_price(self, item: Item) -> int:
        """The price of one unit: the sale discount first, then the coupon on what is left."""
        return combined_price(item.price_cents, [item.sale_percent, self.coupon_percent])

    def total_cents(self) -> int:
        return sum(self.unit_price(item) * quantity for item, quantity in self.items)

    def savings_cents(self) -> int:
        """How much the discounts save against the full prices."""
        full = sum(item.price_cents * quantity for item, quantity in self.items)
        return full - self.total_cents()
