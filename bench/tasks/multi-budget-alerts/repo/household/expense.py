"""One expense line of the bank export."""

from __future__ import annotations

from datetime import date


def parse_expense(line: str) -> tuple[date, str, float]:
    """(day, category, amount) from a "YYYY-MM-DD;category;amount" line.

    The category is stripped and lower-cased; the amount may use "," or "." as decimal mark and
    must be positive. Surrounding spaces of each field are ignored. A line with another number of
    fields, a bad date, or an amount that is not a positive number raises ValueError.
    """
    raise NotImplementedError
