"""One expense line of the bank export."""

from __future__ import annotations

from datetime import date


def parse_expense(line: str) -> tuple[date, str, float]:
    """(day, category, amount) from a "YYYY-MM-DD;category;amount" line; the amount must be positive."""
    fields = [field.strip() for field in line.split(";")]
    if len(fields) != 3:
        raise ValueError(f"expected 3 fields: {line!r}")
    day, category, amount_text = fields
    amount = float(amount_text.replace(",", "."))
    if not amount > 0:
        raise ValueError(f"amount must be positive: {line!r}")
    return date.fromisoformat(day), category.lower(), amount
