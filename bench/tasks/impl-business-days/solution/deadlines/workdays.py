"""Business days: Monday to Friday, except holidays."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta


def is_business_day(day: date, holidays: Container[date] = ()) -> bool:
    """Whether `day` is a Monday to Friday that is not a holiday."""
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, holidays: Container[date] = ()) -> date:
    """The date `days` business days after `start` (before it when negative); `start` is not counted."""
    step = timedelta(days=1 if days >= 0 else -1)
    day, left = start, abs(days)
    while left:
        day += step
        if is_business_day(day, holidays):
            left -= 1
    return day
