"""Response deadlines per ticket priority."""

from __future__ import annotations

from datetime import date

from deadlines.workdays import add_business_days

RESPONSE_DAYS = {"urgent": 1, "high": 2, "normal": 5}


def response_due(opened: date, priority: str, holidays: frozenset[date] = frozenset()) -> date:
    """The day by which a ticket opened on `opened` must be answered."""
    return add_business_days(opened, RESPONSE_DAYS[priority], holidays)
