"""Base `timetable`: a room and staff scheduling toolkit (records + hand-written time arithmetic)."""

from __future__ import annotations

from bigmod_engine import Entity, Field as F

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

ENTITIES = [
    Entity("Room", "rooms", "A room that can be booked.", (
        F("code", "str", "Room code such as \"R2.14\".", "R2.14", None, ("nonempty",)),
        F("building", "str", "Building name.", "North", ""),
        F("seats", "int", "Number of seats.", 24, 10, ("positive",)),
        F("hourly_rate", "float", "Internal charge per hour.", 35.0, 0.0, ("nonneg",)),
        F("accessible", "bool", "Step-free access.", True, True),
    )),
    Entity("Trainer", "trainers", "A person who teaches courses.", (
        F("trainer_id", "str", "Staff id.", "T-07", None, ("nonempty",)),
        F("name", "str", "Full name.", "Mina Okafor", ""),
        F("speciality", "str", "Main subject.", "python", ""),
        F("max_hours_per_week", "int", "Contracted teaching hours.", 20, 25, ("range", 1, 60)),
        F("day_rate", "float", "Fee per teaching day.", 640.0, 0.0, ("nonneg",)),
        F("freelance", "bool", "External contractor.", False, False),
    )),
    Entity("Course", "courses", "A course in the catalogue.", (
        F("code", "str", "Course code.", "PY-101", None, ("nonempty",)),
        F("title", "str", "Course title.", "Python basics", ""),
        F("level", "str", "Target audience.", "beginner", "beginner", ("choice", ("beginner", "intermediate", "advanced"))),
        F("days", "int", "Length in days.", 3, 1, ("positive",)),
        F("price", "float", "Price per participant.", 1290.0, 0.0, ("nonneg",)),
    )),
    Entity("Session", "sessions", "One run of a course on given dates.", (
        F("session_id", "str", "Session id.", "PY-101-0424", None, ("nonempty",)),
        F("course", "str", "Course code.", "PY-101", ""),
        F("room", "str", "Room code.", "R2.14", ""),
        F("trainer_id", "str", "Trainer.", "T-07", ""),
        F("participants", "int", "Participants booked.", 11, 0, ("nonneg",)),
        F("confirmed", "bool", "Guaranteed to run.", True, False),
    )),
    Entity("Booking", "bookings", "A participant's place on a session.", (
        F("booking_id", "str", "Booking number.", "BK-5521", None, ("nonempty",)),
        F("session_id", "str", "Session booked.", "PY-101-0424", ""),
        F("participant", "str", "Who attends.", "Lee Park", ""),
        F("status", "str", "Booking state.", "booked", "booked", ("choice", ("booked", "waitlist", "cancelled"))),
        F("amount", "float", "Amount charged.", 1290.0, 0.0, ("nonneg",)),
    )),
    Entity("Holiday", "holidays", "A day the centre is closed.", (
        F("day", "str", "ISO date.", "2024-12-25", None, ("nonempty",)),
        F("name", "str", "Name of the holiday.", "Christmas Day", ""),
        F("region", "str", "Where it applies.", "all", "all"),
        F("half_day", "bool", "Closed only in the afternoon.", False, False),
    )),
    Entity("Shift", "shifts", "A reception or support shift.", (
        F("shift_id", "str", "Shift id.", "S-MON-AM", None, ("nonempty",)),
        F("weekday", "int", "0 = Monday ... 6 = Sunday.", 0, 0, ("range", 0, 6)),
        F("start_minute", "int", "Start, minutes after midnight.", 480, 480, ("range", 0, 1439)),
        F("length_minutes", "int", "Length in minutes.", 240, 240, ("positive",)),
        F("staff", "str", "Who works it.", "reception", ""),
    )),
    Entity("Equipment", "equipment_items", "A piece of equipment that can be reserved.", (
        F("asset_tag", "str", "Inventory tag.", "EQ-0091", None, ("nonempty",)),
        F("kind", "str", "What it is.", "projector", ""),
        F("room", "str", "Where it normally is.", "R2.14", ""),
        F("portable", "bool", "Can be moved between rooms.", True, False),
        F("replacement_cost", "float", "Cost to replace it.", 899.0, 0.0, ("nonneg",)),
    )),
    Entity("Venue", "venues", "An external venue for on-site courses.", (
        F("venue_id", "str", "Venue id.", "V-HAM-1", None, ("nonempty",)),
        F("city", "str", "City.", "Hamburg", ""),
        F("rooms", "int", "Rooms available.", 4, 1, ("positive",)),
        F("day_rate", "float", "Rent per day.", 450.0, 0.0, ("nonneg",)),
        F("catering", "bool", "Lunch can be ordered.", True, False),
    )),
    Entity("Availability", "availabilities", "A trainer's available period.", (
        F("availability_id", "str", "Entry id.", "AV-301", None, ("nonempty",)),
        F("trainer_id", "str", "Trainer.", "T-07", ""),
        F("from_day", "str", "First ISO date.", "2024-04-01", ""),
        F("to_day", "str", "Last ISO date.", "2024-04-30", ""),
        F("days_per_week", "int", "Days they can teach.", 3, 5, ("range", 1, 7)),
    )),
    Entity("RoomRequest", "room_requests", "A request for a room not yet granted.", (
        F("request_id", "str", "Request id.", "RQ-17", None, ("nonempty",)),
        F("requested_by", "str", "Who asked.", "sales", ""),
        F("seats", "int", "Seats needed.", 12, 1, ("positive",)),
        F("duration_minutes", "int", "How long.", 90, 60, ("positive",)),
        F("priority", "str", "How urgent.", "normal", "normal", ("choice", ("low", "normal", "high"))),
    )),
    Entity("Team", "teams", "A group of staff planned together.", (
        F("team_id", "str", "Team id.", "TEAM-A", None, ("nonempty",)),
        F("name", "str", "Team name.", "Data courses", ""),
        F("lead", "str", "Team lead.", "T-07", ""),
        F("members", "int", "Number of members.", 5, 1, ("positive",)),
    )),
    Entity("Closure", "closures", "A room closed for maintenance.", (
        F("closure_id", "str", "Closure id.", "CL-4", None, ("nonempty",)),
        F("room", "str", "Room code.", "R2.14", ""),
        F("from_day", "str", "First ISO date.", "2024-08-05", ""),
        F("days", "int", "How many days.", 5, 1, ("positive",)),
        F("reason", "str", "Why.", "painting", ""),
    )),
    Entity("Waitlist", "waitlists", "People waiting for a full session.", (
        F("waitlist_id", "str", "Waitlist id.", "WL-9", None, ("nonempty",)),
        F("session_id", "str", "Session.", "PY-101-0424", ""),
        F("people", "int", "People waiting.", 3, 0, ("nonneg",)),
        F("notify", "bool", "Send e-mails when a seat frees up.", True, True),
    )),
    Entity("Invoice", "invoices", "A course invoice to a company.", (
        F("number", "str", "Invoice number.", "TI-2024-031", None, ("nonempty",)),
        F("company", "str", "Company billed.", "Northwind", ""),
        F("sessions", "int", "Sessions billed.", 2, 1, ("positive",)),
        F("total", "float", "Invoice total.", 5160.0, 0.0, ("nonneg",)),
        F("paid", "bool", "Whether it is paid.", False, False),
    )),
]

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
