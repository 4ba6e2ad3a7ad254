"""Receipts: sales and refunds rung up at the till."""

from __future__ import annotations

from dataclasses import dataclass, field

from till.money import format_cents, to_cents


@dataclass(frozen=True)
class Line:
    """One line of a receipt; refunds have a negative unit price."""

    description: str
    quantity: int
    unit_price: float

    @property
    def cents(self) -> int:
        return self.quantity * to_cents(self.unit_price)


@dataclass
class Receipt:
    """The lines rung up for one customer."""

    lines: list[Line] = field(default_factory=list)

    def sell(self, description: str, unit_price: float, quantity: int = 1) -> None:
        """Add a sale; the price must not be negative."""
        if unit_price < 0 or quantity < 1:
            raise ValueError("a sale needs a price >= 0 and a quantity >= 1")
        self.lines.append(Line(description, quantity, unit_price))

    def refund(self, description: str, unit_price: float, quantity: int = 1) -> None:
        """Add a refund of `quantity` items bought at `unit_price` (given as a positive price)."""
        if unit_price < 0 or quantity < 1:
            raise ValueError("a refund needs a price >= 0 and a quantity >= 1")
        self.lines.append(Line(f"REFUND {description}", quantity, -unit_price))

    def total_cents(self) -> int:
        """What the customer pays (negative: what they get back), in cents."""
        return sum(line.cents for line in self.lines)

    def printed(self) -> list[str]:
        """The receipt as printed: one row per line, then the total."""
        rows = [f"{line.quantity} x {line.description}: {format_cents(line.cents)}" for line in self.lines]
        rows.append(f"TOTAL: {format_cents(self.total_cents())}")
        return rows
