"""The end-of-day report: what went through the till."""

from __future__ import annotations

from dataclasses import dataclass

from till.money import format_cents
from till.receipt import Receipt


@dataclass(frozen=True)
class DayReport:
    receipts: int
    sales_cents: int
    refunds_cents: int

    @property
    def net_cents(self) -> int:
        return self.sales_cents + self.refunds_cents

    def lines(self) -> list[str]:
        return [
            f"receipts: {self.receipts}",
            f"sales: {format_cents(self.sales_cents)}",
            f"refunds: {format_cents(self.refunds_cents)}",
            f"net: {format_cents(self.net_cents)}",
        ]


def day_report(receipts: list[Receipt]) -> DayReport:
    """Totals of a day's receipts; refund lines are added up separately (as negative cents)."""
    sales = refunds = 0
    for receipt in receipts:
        for line in receipt.lines:
            if line.cents < 0:
                refunds += line.cents
            else:
                sales += line.cents
    return DayReport(len(receipts), sales, refunds)
