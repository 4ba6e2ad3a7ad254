"""Date ranges of bookings: (first_day, last_day), both days included."""

from __future__ import annotations

from datetime import date

DateRange = tuple[date, date]


def merge_ranges(ranges: list[DateRange]) -> list[DateRange]:
    """Merge booking ranges that overlap or touch.

    Each range is (first_day, last_day) with both days included. Two ranges are merged when
    they share a day or when one ends the day before the other starts. The result is sorted
    by first day; the input list is not modified. A range whose last day is before its first
    day raises ValueError.

    >>> merge_ranges([(date(2024, 5, 3), date(2024, 5, 6)), (date(2024, 5, 1), date(2024, 5, 2))])
    [(datetime.date(2024, 5, 1), datetime.date(2024, 5, 6))]
    """
    raise NotImplementedError
