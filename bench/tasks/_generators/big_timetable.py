"""Base `timetable`: a room and staff scheduling toolkit (records in big_timetable.toml + hand-written time arithmetic)."""

from __future__ import annotations

from pathlib import Path

from bigmod_engine import load_entities

PACKAGE = "timetable"
MODULE = "planner"
DESCRIPTION = "Room and staff scheduling toolkit for a training centre."

HEADER = '''"""Room and staff scheduling toolkit for a training centre.

Records for what the planners juggle (rooms, trainers, courses, sessions, bookings, holidays,
shifts, equipment ...), each with validation, CSV import/export, an in-memory registry and a
summary, plus the time arithmetic the planning screens use: clock times as people type them,
merging busy intervals, finding free slots and recurring dates.

Times of day are minutes after midnight (0 to 1440); dates are datetime.date.
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
'''

ENTITIES = load_entities(Path(__file__).with_suffix(".toml"))

BLOCKS: dict[int, str] = {}

BLOCKS[0] = r'''
# ----------------------------------------------------------------------------------------------------
# Clock times
# ----------------------------------------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?")


def parse_clock(text: str) -> int:
    """Minutes after midnight for a time of day as people type it.

    Accepted: 24-hour "HH:MM" or "H:MM" ("9:05", "17:30", "0:00"), or 12-hour times with "am" or
    "pm" in any case, with or without a space before it and with or without minutes ("9am",
    "12:15 PM", "7:30pm"). In 12-hour times the hour is 1 to 12, "12am" is midnight and "12pm" is
    noon. Spaces around the text are ignored. Hours or minutes out of range, and anything else,
    raise ValueError.

    >>> parse_clock("12:15 pm")
    735
    """
    match = _CLOCK.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if minute > 59:
        raise ValueError(f"minutes out of range in {text!r}")
    if suffix is None:
        if match.group(2) is None:
            raise ValueError(f"24-hour times need minutes: {text!r}")
        if hour > 23:
            raise ValueError(f"hour out of range in {text!r}")
    else:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour out of range in {text!r}")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    return hour * 60 + minute


def format_clock(minutes: int) -> str:
    """Minutes after midnight as 24-hour "HH:MM" (1440 is written "24:00")."""
    if not 0 <= minutes <= 1440:
        raise ValueError(f"not a time of day: {minutes}")
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
'''

BLOCKS[6] = r'''
# ----------------------------------------------------------------------------------------------------
# Busy intervals
# ----------------------------------------------------------------------------------------------------


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge (start, end) minute intervals into sorted, disjoint intervals.

    Intervals that overlap or touch are merged: (540, 600) and (600, 660) become (540, 660). The
    input may be in any order. Empty intervals (start == end) are dropped; an interval that ends
    before it starts raises ValueError.

    >>> merge_intervals([(600, 660), (540, 610), (700, 720)])
    [(540, 660), (700, 720)]
    """
    cleaned = []
    for start, end in intervals:
        if end < start:
            raise ValueError(f"interval ends before it starts: {(start, end)}")
        if end > start:
            cleaned.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cleaned):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def busy_minutes(intervals: Iterable[tuple[int, int]]) -> int:
    """How many minutes the intervals cover together (overlaps counted once)."""
    return sum(end - start for start, end in merge_intervals(intervals))
'''

BLOCKS[10] = r'''
# ----------------------------------------------------------------------------------------------------
# Free slots
# ----------------------------------------------------------------------------------------------------


def free_slots(busy: Iterable[tuple[int, int]], day_start: int, day_end: int, min_minutes: int = 1) -> list[tuple[int, int]]:
    """The free (start, end) gaps between `day_start` and `day_end`, around the busy intervals.

    Busy intervals may overlap, touch, come in any order and reach outside the day: only the
    part between day_start and day_end counts. The gaps come in time order and never overlap a
    busy interval; gaps shorter than `min_minutes` are left out (the default 1 keeps every
    non-empty gap). A day_end before day_start, or a busy interval that ends before it starts,
    raises ValueError. Use merge_intervals for the busy intervals.

    >>> free_slots([(600, 660), (540, 610)], 480, 1020, min_minutes=30)
    [(480, 540), (660, 1020)]
    """
    if day_end < day_start:
        raise ValueError("the day ends before it starts")
    slots: list[tuple[int, int]] = []
    cursor = day_start
    for start, end in merge_intervals(busy):
        start, end = max(start, day_start), min(end, day_end)
        if start >= end:
            continue
        if start - cursor >= max(min_minutes, 1):
            slots.append((cursor, start))
        cursor = max(cursor, end)
    if day_end - cursor >= max(min_minutes, 1):
        slots.append((cursor, day_end))
    return slots
'''

BLOCKS[len(ENTITIES)] = r'''
# ----------------------------------------------------------------------------------------------------
# Recurring dates
# ----------------------------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`-th given weekday of a month; weekday 0 is Monday ... 6 is Sunday.

    n = 1 is the first such day of the month, 2 the second, and so on; n = -1 is the last one,
    -2 the one before it. A month without that many (a fifth Monday that does not exist, say),
    n == 0, or a weekday outside 0..6 raises ValueError.

    >>> nth_weekday(2024, 5, 0, -1)
    datetime.date(2024, 5, 27)
    """
    if n == 0 or not 0 <= weekday <= 6:
        raise ValueError("n must not be 0 and weekday must be 0..6")
    days_in_month = calendar.monthrange(year, month)[1]
    if n > 0:
        first = date(year, month, 1)
        day = 1 + (weekday - first.weekday()) % 7 + 7 * (n - 1)
    else:
        last = date(year, month, days_in_month)
        day = days_in_month - (last.weekday() - weekday) % 7 - 7 * (-n - 1)
    if not 1 <= day <= days_in_month:
        raise ValueError(f"no weekday {weekday} number {n} in {year}-{month:02d}")
    return date(year, month, day)


def monthly_dates(start: date, months: int, weekday: int, n: int) -> list[date]:
    """The n-th weekday of `months` consecutive months, starting with the month of `start`."""
    dates = []
    year, month = start.year, start.month
    for _ in range(months):
        dates.append(nth_weekday(year, month, weekday, n))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def add_days(day: date, count: int) -> date:
    """The date `count` days after `day` (before it when negative)."""
    return day + timedelta(days=count)
'''

RECORD_TEST_ENTITIES = ["Room", "Course", "Invoice"]
