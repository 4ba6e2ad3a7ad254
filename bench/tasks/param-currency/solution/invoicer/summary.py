"""Lines of the monthly summary e-mail."""

from __future__ import annotations

from invoicer.money import format_amount


def summary_line(customer: str, total: float, currency: str = "EUR") -> str:
    """One line of the summary: "<customer>: <amount>"."""
    return f"{customer}: {format_amount(total, currency=currency)}"
