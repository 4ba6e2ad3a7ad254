"""Business days: Monday to Friday, except holidays."""

from __future__ import annotations

from collections.abc import Container
from datetime import date


def is_business_day(day: date, holidays: Container[date] = ()) -> bool:
    """Whether `day` is a Monday to Friday that is not a holiday."""
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int, holidays: Container[date] = ()) -> date:
    """The date `days` business days after `start` (before it when `days` is negative).

    `start` itself is not counted, whether or not it is a business day: one business day after a
    Friday is the next Monday, and one after a Saturday is also that Monday. With `days` == 0,
    `start` is returned as it is.

    >>> add_business_days(date(2024, 5, 3), 1)
    datetime.date(2024, 5, 6)
    """
    raise NotImplementedError
