"""Room and staff scheduling toolkit for a training centre.

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


def _as_int(value: Any) -> int:
    """An int from an int or its text; bools and fractional numbers raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    return int(str(value).strip())


def _as_float(value: Any) -> float:
    """A float from a number or its text."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    return float(value if isinstance(value, (int, float)) else str(value).strip())


_TRUE = frozenset({"1", "true", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "no", "n", "off", ""})


def _as_bool(value: Any) -> bool:
    """A bool from a bool or its usual spellings ("yes", "0", "True", ...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def _clean_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row without empty cells, so that missing values take their defaults."""
    return {key: value for key, value in row.items() if key is not None and value not in (None, "")}


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


# --------------------------------------------------------------------------------------------------
# Rooms
# --------------------------------------------------------------------------------------------------

ROOM_FIELDS: tuple[str, ...] = ("code", "building", "seats", "hourly_rate", "accessible")


@dataclass
class Room:
    """A room that can be booked.

    Attributes:
        code: Room code such as "R2.14".
        building: Building name.
        seats: Number of seats.
        hourly_rate: Internal charge per hour.
        accessible: Step-free access.
    """

    code: str
    building: str = ""
    seats: int = 10
    hourly_rate: float = 0.0
    accessible: bool = True

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("Room.code must not be empty")
        if self.seats <= 0:
            raise ValueError(f"Room.seats must be > 0, got {self.seats}")
        if self.hourly_rate < 0:
            raise ValueError(f"Room.hourly_rate must be >= 0, got {self.hourly_rate}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "building": self.building,
            "seats": self.seats,
            "hourly_rate": self.hourly_rate,
            "accessible": self.accessible,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Room":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            building=str(data.get("building", "")),
            seats=_as_int(data.get("seats", 10)),
            hourly_rate=_as_float(data.get("hourly_rate", 0.0)),
            accessible=_as_bool(data.get("accessible", True)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Room":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Room {self.code}: building={self.building!r}, seats={self.seats!r}, hourly_rate={self.hourly_rate!r}, accessible={self.accessible!r}"


class RoomRegistry:
    """Room records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[Room] = ()) -> None:
        self._items: dict[str, Room] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Room]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Room) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate room {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Room:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no room {key!r}") from None

    def find(self, key: str) -> Room | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Room:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Room:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_building(self, value: str) -> list[Room]:
        """Records whose building equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.building.strip().casefold() == wanted]

    def only_accessible(self, value: bool = True) -> list[Room]:
        """Records whose accessible flag is `value`."""
        return [item for item in self._items.values() if item.accessible is value]

    def total_seats(self) -> int:
        """The sum of seats over all records (0 when empty)."""
        return sum((item.seats for item in self._items.values()), 0)

    def max_seats(self) -> Room | None:
        """The record with the largest seats (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.seats > best.seats:
                best = item
        return best

    def total_hourly_rate(self) -> float:
        """The sum of hourly_rate over all records (0 when empty)."""
        return sum((item.hourly_rate for item in self._items.values()), 0.0)

    def max_hourly_rate(self) -> Room | None:
        """The record with the largest hourly_rate (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.hourly_rate > best.hourly_rate:
                best = item
        return best

    def where(self, predicate: Callable[[Room], bool]) -> list[Room]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Room]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in ROOM_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def rooms_to_csv(items: Iterable[Room]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROOM_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def rooms_from_csv(text: str) -> list[Room]:
    """Parse CSV text as `rooms_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Room.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_rooms(items: Iterable[Room]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_seats = [item.seats for item in items]
    summary["seats"] = {
        "total": sum(values_seats),
        "min": min(values_seats, default=None),
        "max": max(values_seats, default=None),
    }
    values_hourly_rate = [item.hourly_rate for item in items]
    summary["hourly_rate"] = {
        "total": sum(values_hourly_rate),
        "min": min(values_hourly_rate, default=None),
        "max": max(values_hourly_rate, default=None),
    }
    return summary


def index_rooms(items: Iterable[Room]) -> dict[str, Room]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, Room] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_rooms_by_building(items: Iterable[Room]) -> dict[str, list[Room]]:
    """Records grouped by building (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Room]] = {}
    for item in items:
        groups.setdefault(item.building, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Trainers
# --------------------------------------------------------------------------------------------------

TRAINER_FIELDS: tuple[str, ...] = ("trainer_id", "name", "speciality", "max_hours_per_week", "day_rate", "freelance")


@dataclass
class Trainer:
    """A person who teaches courses.

    Attributes:
        trainer_id: Staff id.
        name: Full name.
        speciality: Main subject.
        max_hours_per_week: Contracted teaching hours.
        day_rate: Fee per teaching day.
        freelance: External contractor.
    """

    trainer_id: str
    name: str = ""
    speciality: str = ""
    max_hours_per_week: int = 25
    day_rate: float = 0.0
    freelance: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.trainer_id.strip():
            raise ValueError("Trainer.trainer_id must not be empty")
        if not 1 <= self.max_hours_per_week <= 60:
            raise ValueError(f"Trainer.max_hours_per_week must be between 1 and 60, got {self.max_hours_per_week}")
        if self.day_rate < 0:
            raise ValueError(f"Trainer.day_rate must be >= 0, got {self.day_rate}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its trainer_id)."""
        return self.trainer_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "trainer_id": self.trainer_id,
            "name": self.name,
            "speciality": self.speciality,
            "max_hours_per_week": self.max_hours_per_week,
            "day_rate": self.day_rate,
            "freelance": self.freelance,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Trainer":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "trainer_id" raises KeyError.
        """
        item = cls(
            trainer_id=str(data["trainer_id"]),
            name=str(data.get("name", "")),
            speciality=str(data.get("speciality", "")),
            max_hours_per_week=_as_int(data.get("max_hours_per_week", 25)),
            day_rate=_as_float(data.get("day_rate", 0.0)),
            freelance=_as_bool(data.get("freelance", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Trainer":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Trainer {self.trainer_id}: name={self.name!r}, speciality={self.speciality!r}, max_hours_per_week={self.max_hours_per_week!r}, day_rate={self.day_rate!r}, freelance={self.freelance!r}"


class TrainerRegistry:
    """Trainer records keyed by trainer_id, in insertion order."""

    def __init__(self, items: Iterable[Trainer] = ()) -> None:
        self._items: dict[str, Trainer] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Trainer]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Trainer) -> None:
        """Add a validated record; a trainer_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate trainer {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Trainer:
        """The record with this trainer_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no trainer {key!r}") from None

    def find(self, key: str) -> Trainer | None:
        """The record with this trainer_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Trainer:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Trainer:
        """Replace fields of one record (not its trainer_id) and return the new record."""
        if "trainer_id" in changes:
            raise ValueError("the trainer_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Trainer]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_speciality(self, value: str) -> list[Trainer]:
        """Records whose speciality equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.speciality.strip().casefold() == wanted]

    def only_freelance(self, value: bool = True) -> list[Trainer]:
        """Records whose freelance flag is `value`."""
        return [item for item in self._items.values() if item.freelance is value]

    def total_max_hours_per_week(self) -> int:
        """The sum of max_hours_per_week over all records (0 when empty)."""
        return sum((item.max_hours_per_week for item in self._items.values()), 0)

    def max_max_hours_per_week(self) -> Trainer | None:
        """The record with the largest max_hours_per_week (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.max_hours_per_week > best.max_hours_per_week:
                best = item
        return best

    def total_day_rate(self) -> float:
        """The sum of day_rate over all records (0 when empty)."""
        return sum((item.day_rate for item in self._items.values()), 0.0)

    def max_day_rate(self) -> Trainer | None:
        """The record with the largest day_rate (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.day_rate > best.day_rate:
                best = item
        return best

    def where(self, predicate: Callable[[Trainer], bool]) -> list[Trainer]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Trainer]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in TRAINER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def trainers_to_csv(items: Iterable[Trainer]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TRAINER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def trainers_from_csv(text: str) -> list[Trainer]:
    """Parse CSV text as `trainers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Trainer.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_trainers(items: Iterable[Trainer]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_max_hours_per_week = [item.max_hours_per_week for item in items]
    summary["max_hours_per_week"] = {
        "total": sum(values_max_hours_per_week),
        "min": min(values_max_hours_per_week, default=None),
        "max": max(values_max_hours_per_week, default=None),
    }
    values_day_rate = [item.day_rate for item in items]
    summary["day_rate"] = {
        "total": sum(values_day_rate),
        "min": min(values_day_rate, default=None),
        "max": max(values_day_rate, default=None),
    }
    return summary


def index_trainers(items: Iterable[Trainer]) -> dict[str, Trainer]:
    """Records keyed by trainer_id; a repeated trainer_id raises ValueError."""
    index: dict[str, Trainer] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate trainer_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_trainers_by_name(items: Iterable[Trainer]) -> dict[str, list[Trainer]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Trainer]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Courses
# --------------------------------------------------------------------------------------------------

COURSE_FIELDS: tuple[str, ...] = ("code", "title", "level", "days", "price")


@dataclass
class Course:
    """A course in the catalogue.

    Attributes:
        code: Course code.
        title: Course title.
        level: Target audience.
        days: Length in days.
        price: Price per participant.
    """

    code: str
    title: str = ""
    level: str = "beginner"
    days: int = 1
    price: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("Course.code must not be empty")
        if self.level not in ("beginner", "intermediate", "advanced"):
            raise ValueError(f"Course.level must be one of beginner, intermediate, advanced, got {self.level!r}")
        if self.days <= 0:
            raise ValueError(f"Course.days must be > 0, got {self.days}")
        if self.price < 0:
            raise ValueError(f"Course.price must be >= 0, got {self.price}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "title": self.title,
            "level": self.level,
            "days": self.days,
            "price": self.price,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Course":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            title=str(data.get("title", "")),
            level=str(data.get("level", "beginner")),
            days=_as_int(data.get("days", 1)),
            price=_as_float(data.get("price", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Course":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Course {self.code}: title={self.title!r}, level={self.level!r}, days={self.days!r}, price={self.price!r}"


class CourseRegistry:
    """Course records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[Course] = ()) -> None:
        self._items: dict[str, Course] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Course]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Course) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate course {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Course:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no course {key!r}") from None

    def find(self, key: str) -> Course | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Course:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Course:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_title(self, value: str) -> list[Course]:
        """Records whose title equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.title.strip().casefold() == wanted]

    def find_by_level(self, value: str) -> list[Course]:
        """Records whose level equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.level.strip().casefold() == wanted]

    def total_days(self) -> int:
        """The sum of days over all records (0 when empty)."""
        return sum((item.days for item in self._items.values()), 0)

    def max_days(self) -> Course | None:
        """The record with the largest days (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.days > best.days:
                best = item
        return best

    def total_price(self) -> float:
        """The sum of price over all records (0 when empty)."""
        return sum((item.price for item in self._items.values()), 0.0)

    def max_price(self) -> Course | None:
        """The record with the largest price (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.price > best.price:
                best = item
        return best

    def where(self, predicate: Callable[[Course], bool]) -> list[Course]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Course]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in COURSE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def courses_to_csv(items: Iterable[Course]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COURSE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def courses_from_csv(text: str) -> list[Course]:
    """Parse CSV text as `courses_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Course.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_courses(items: Iterable[Course]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_days = [item.days for item in items]
    summary["days"] = {
        "total": sum(values_days),
        "min": min(values_days, default=None),
        "max": max(values_days, default=None),
    }
    values_price = [item.price for item in items]
    summary["price"] = {
        "total": sum(values_price),
        "min": min(values_price, default=None),
        "max": max(values_price, default=None),
    }
    return summary


def index_courses(items: Iterable[Course]) -> dict[str, Course]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, Course] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_courses_by_title(items: Iterable[Course]) -> dict[str, list[Course]]:
    """Records grouped by title (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Course]] = {}
    for item in items:
        groups.setdefault(item.title, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------------

SESSION_FIELDS: tuple[str, ...] = ("session_id", "course", "room", "trainer_id", "participants", "confirmed")


@dataclass
class Session:
    """One run of a course on given dates.

    Attributes:
        session_id: Session id.
        course: Course code.
        room: Room code.
        trainer_id: Trainer.
        participants: Participants booked.
        confirmed: Guaranteed to run.
    """

    session_id: str
    course: str = ""
    room: str = ""
    trainer_id: str = ""
    participants: int = 0
    confirmed: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.session_id.strip():
            raise ValueError("Session.session_id must not be empty")
        if self.participants < 0:
            raise ValueError(f"Session.participants must be >= 0, got {self.participants}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its session_id)."""
        return self.session_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "session_id": self.session_id,
            "course": self.course,
            "room": self.room,
            "trainer_id": self.trainer_id,
            "participants": self.participants,
            "confirmed": self.confirmed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Session":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "session_id" raises KeyError.
        """
        item = cls(
            session_id=str(data["session_id"]),
            course=str(data.get("course", "")),
            room=str(data.get("room", "")),
            trainer_id=str(data.get("trainer_id", "")),
            participants=_as_int(data.get("participants", 0)),
            confirmed=_as_bool(data.get("confirmed", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Session":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Session {self.session_id}: course={self.course!r}, room={self.room!r}, trainer_id={self.trainer_id!r}, participants={self.participants!r}, confirmed={self.confirmed!r}"


class SessionRegistry:
    """Session records keyed by session_id, in insertion order."""

    def __init__(self, items: Iterable[Session] = ()) -> None:
        self._items: dict[str, Session] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Session]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Session) -> None:
        """Add a validated record; a session_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate session {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Session:
        """The record with this session_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no session {key!r}") from None

    def find(self, key: str) -> Session | None:
        """The record with this session_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Session:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Session:
        """Replace fields of one record (not its session_id) and return the new record."""
        if "session_id" in changes:
            raise ValueError("the session_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_course(self, value: str) -> list[Session]:
        """Records whose course equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.course.strip().casefold() == wanted]

    def find_by_room(self, value: str) -> list[Session]:
        """Records whose room equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.room.strip().casefold() == wanted]

    def find_by_trainer_id(self, value: str) -> list[Session]:
        """Records whose trainer_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.trainer_id.strip().casefold() == wanted]

    def only_confirmed(self, value: bool = True) -> list[Session]:
        """Records whose confirmed flag is `value`."""
        return [item for item in self._items.values() if item.confirmed is value]

    def total_participants(self) -> int:
        """The sum of participants over all records (0 when empty)."""
        return sum((item.participants for item in self._items.values()), 0)

    def max_participants(self) -> Session | None:
        """The record with the largest participants (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.participants > best.participants:
                best = item
        return best

    def where(self, predicate: Callable[[Session], bool]) -> list[Session]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Session]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in SESSION_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def sessions_to_csv(items: Iterable[Session]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SESSION_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def sessions_from_csv(text: str) -> list[Session]:
    """Parse CSV text as `sessions_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Session.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_sessions(items: Iterable[Session]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_participants = [item.participants for item in items]
    summary["participants"] = {
        "total": sum(values_participants),
        "min": min(values_participants, default=None),
        "max": max(values_participants, default=None),
    }
    return summary


def index_sessions(items: Iterable[Session]) -> dict[str, Session]:
    """Records keyed by session_id; a repeated session_id raises ValueError."""
    index: dict[str, Session] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate session_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_sessions_by_course(items: Iterable[Session]) -> dict[str, list[Session]]:
    """Records grouped by course (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Session]] = {}
    for item in items:
        groups.setdefault(item.course, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Bookings
# --------------------------------------------------------------------------------------------------

BOOKING_FIELDS: tuple[str, ...] = ("booking_id", "session_id", "participant", "status", "amount")


@dataclass
class Booking:
    """A participant's place on a session.

    Attributes:
        booking_id: Booking number.
        session_id: Session booked.
        participant: Who attends.
        status: Booking state.
        amount: Amount charged.
    """

    booking_id: str
    session_id: str = ""
    participant: str = ""
    status: str = "booked"
    amount: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.booking_id.strip():
            raise ValueError("Booking.booking_id must not be empty")
        if self.status not in ("booked", "waitlist", "cancelled"):
            raise ValueError(f"Booking.status must be one of booked, waitlist, cancelled, got {self.status!r}")
        if self.amount < 0:
            raise ValueError(f"Booking.amount must be >= 0, got {self.amount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its booking_id)."""
        return self.booking_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "booking_id": self.booking_id,
            "session_id": self.session_id,
            "participant": self.participant,
            "status": self.status,
            "amount": self.amount,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Booking":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "booking_id" raises KeyError.
        """
        item = cls(
            booking_id=str(data["booking_id"]),
            session_id=str(data.get("session_id", "")),
            participant=str(data.get("participant", "")),
            status=str(data.get("status", "booked")),
            amount=_as_float(data.get("amount", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Booking":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Booking {self.booking_id}: session_id={self.session_id!r}, participant={self.participant!r}, status={self.status!r}, amount={self.amount!r}"


class BookingRegistry:
    """Booking records keyed by booking_id, in insertion order."""

    def __init__(self, items: Iterable[Booking] = ()) -> None:
        self._items: dict[str, Booking] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Booking]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Booking) -> None:
        """Add a validated record; a booking_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate booking {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Booking:
        """The record with this booking_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no booking {key!r}") from None

    def find(self, key: str) -> Booking | None:
        """The record with this booking_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Booking:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Booking:
        """Replace fields of one record (not its booking_id) and return the new record."""
        if "booking_id" in changes:
            raise ValueError("the booking_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_session_id(self, value: str) -> list[Booking]:
        """Records whose session_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.session_id.strip().casefold() == wanted]

    def find_by_participant(self, value: str) -> list[Booking]:
        """Records whose participant equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.participant.strip().casefold() == wanted]

    def find_by_status(self, value: str) -> list[Booking]:
        """Records whose status equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.status.strip().casefold() == wanted]

    def total_amount(self) -> float:
        """The sum of amount over all records (0 when empty)."""
        return sum((item.amount for item in self._items.values()), 0.0)

    def max_amount(self) -> Booking | None:
        """The record with the largest amount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.amount > best.amount:
                best = item
        return best

    def where(self, predicate: Callable[[Booking], bool]) -> list[Booking]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Booking]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in BOOKING_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def bookings_to_csv(items: Iterable[Booking]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BOOKING_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def bookings_from_csv(text: str) -> list[Booking]:
    """Parse CSV text as `bookings_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Booking.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_bookings(items: Iterable[Booking]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_amount = [item.amount for item in items]
    summary["amount"] = {
        "total": sum(values_amount),
        "min": min(values_amount, default=None),
        "max": max(values_amount, default=None),
    }
    return summary


def index_bookings(items: Iterable[Booking]) -> dict[str, Booking]:
    """Records keyed by booking_id; a repeated booking_id raises ValueError."""
    index: dict[str, Booking] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate booking_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_bookings_by_session_id(items: Iterable[Booking]) -> dict[str, list[Booking]]:
    """Records grouped by session_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Booking]] = {}
    for item in items:
        groups.setdefault(item.session_id, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Holidays
# --------------------------------------------------------------------------------------------------

HOLIDAY_FIELDS: tuple[str, ...] = ("day", "name", "region", "half_day")


@dataclass
class Holiday:
    """A day the centre is closed.

    Attributes:
        day: ISO date.
        name: Name of the holiday.
        region: Where it applies.
        half_day: Closed only in the afternoon.
    """

    day: str
    name: str = ""
    region: str = "all"
    half_day: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.day.strip():
            raise ValueError("Holiday.day must not be empty")

    def key(self) -> str:
        """The value that identifies this record in a registry (its day)."""
        return self.day

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "day": self.day,
            "name": self.name,
            "region": self.region,
            "half_day": self.half_day,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Holiday":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "day" raises KeyError.
        """
        item = cls(
            day=str(data["day"]),
            name=str(data.get("name", "")),
            region=str(data.get("region", "all")),
            half_day=_as_bool(data.get("half_day", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Holiday":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Holiday {self.day}: name={self.name!r}, region={self.region!r}, half_day={self.half_day!r}"


class HolidayRegistry:
    """Holiday records keyed by day, in insertion order."""

    def __init__(self, items: Iterable[Holiday] = ()) -> None:
        self._items: dict[str, Holiday] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Holiday]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Holiday) -> None:
        """Add a validated record; a day that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate holiday {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Holiday:
        """The record with this day; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no holiday {key!r}") from None

    def find(self, key: str) -> Holiday | None:
        """The record with this day, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Holiday:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Holiday:
        """Replace fields of one record (not its day) and return the new record."""
        if "day" in changes:
            raise ValueError("the day of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Holiday]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_region(self, value: str) -> list[Holiday]:
        """Records whose region equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.region.strip().casefold() == wanted]

    def only_half_day(self, value: bool = True) -> list[Holiday]:
        """Records whose half_day flag is `value`."""
        return [item for item in self._items.values() if item.half_day is value]

    def where(self, predicate: Callable[[Holiday], bool]) -> list[Holiday]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Holiday]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in HOLIDAY_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def holidays_to_csv(items: Iterable[Holiday]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HOLIDAY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def holidays_from_csv(text: str) -> list[Holiday]:
    """Parse CSV text as `holidays_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Holiday.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_holidays(items: Iterable[Holiday]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    return summary


def index_holidays(items: Iterable[Holiday]) -> dict[str, Holiday]:
    """Records keyed by day; a repeated day raises ValueError."""
    index: dict[str, Holiday] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate day {item.key()!r}")
        index[item.key()] = item
    return index


def group_holidays_by_name(items: Iterable[Holiday]) -> dict[str, list[Holiday]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Holiday]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


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


# --------------------------------------------------------------------------------------------------
# Shifts
# --------------------------------------------------------------------------------------------------

SHIFT_FIELDS: tuple[str, ...] = ("shift_id", "weekday", "start_minute", "length_minutes", "staff")


@dataclass
class Shift:
    """A reception or support shift.

    Attributes:
        shift_id: Shift id.
        weekday: 0 = Monday ... 6 = Sunday.
        start_minute: Start, minutes after midnight.
        length_minutes: Length in minutes.
        staff: Who works it.
    """

    shift_id: str
    weekday: int = 0
    start_minute: int = 480
    length_minutes: int = 240
    staff: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.shift_id.strip():
            raise ValueError("Shift.shift_id must not be empty")
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"Shift.weekday must be between 0 and 6, got {self.weekday}")
        if not 0 <= self.start_minute <= 1439:
            raise ValueError(f"Shift.start_minute must be between 0 and 1439, got {self.start_minute}")
        if self.length_minutes <= 0:
            raise ValueError(f"Shift.length_minutes must be > 0, got {self.length_minutes}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its shift_id)."""
        return self.shift_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "shift_id": self.shift_id,
            "weekday": self.weekday,
            "start_minute": self.start_minute,
            "length_minutes": self.length_minutes,
            "staff": self.staff,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Shift":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "shift_id" raises KeyError.
        """
        item = cls(
            shift_id=str(data["shift_id"]),
            weekday=_as_int(data.get("weekday", 0)),
            start_minute=_as_int(data.get("start_minute", 480)),
            length_minutes=_as_int(data.get("length_minutes", 240)),
            staff=str(data.get("staff", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Shift":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Shift {self.shift_id}: weekday={self.weekday!r}, start_minute={self.start_minute!r}, length_minutes={self.length_minutes!r}, staff={self.staff!r}"


class ShiftRegistry:
    """Shift records keyed by shift_id, in insertion order."""

    def __init__(self, items: Iterable[Shift] = ()) -> None:
        self._items: dict[str, Shift] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Shift]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Shift) -> None:
        """Add a validated record; a shift_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate shift {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Shift:
        """The record with this shift_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no shift {key!r}") from None

    def find(self, key: str) -> Shift | None:
        """The record with this shift_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Shift:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Shift:
        """Replace fields of one record (not its shift_id) and return the new record."""
        if "shift_id" in changes:
            raise ValueError("the shift_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_staff(self, value: str) -> list[Shift]:
        """Records whose staff equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.staff.strip().casefold() == wanted]

    def total_weekday(self) -> int:
        """The sum of weekday over all records (0 when empty)."""
        return sum((item.weekday for item in self._items.values()), 0)

    def max_weekday(self) -> Shift | None:
        """The record with the largest weekday (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.weekday > best.weekday:
                best = item
        return best

    def total_start_minute(self) -> int:
        """The sum of start_minute over all records (0 when empty)."""
        return sum((item.start_minute for item in self._items.values()), 0)

    def max_start_minute(self) -> Shift | None:
        """The record with the largest start_minute (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.start_minute > best.start_minute:
                best = item
        return best

    def total_length_minutes(self) -> int:
        """The sum of length_minutes over all records (0 when empty)."""
        return sum((item.length_minutes for item in self._items.values()), 0)

    def max_length_minutes(self) -> Shift | None:
        """The record with the largest length_minutes (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.length_minutes > best.length_minutes:
                best = item
        return best

    def where(self, predicate: Callable[[Shift], bool]) -> list[Shift]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Shift]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in SHIFT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def shifts_to_csv(items: Iterable[Shift]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SHIFT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def shifts_from_csv(text: str) -> list[Shift]:
    """Parse CSV text as `shifts_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Shift.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_shifts(items: Iterable[Shift]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_weekday = [item.weekday for item in items]
    summary["weekday"] = {
        "total": sum(values_weekday),
        "min": min(values_weekday, default=None),
        "max": max(values_weekday, default=None),
    }
    values_start_minute = [item.start_minute for item in items]
    summary["start_minute"] = {
        "total": sum(values_start_minute),
        "min": min(values_start_minute, default=None),
        "max": max(values_start_minute, default=None),
    }
    values_length_minutes = [item.length_minutes for item in items]
    summary["length_minutes"] = {
        "total": sum(values_length_minutes),
        "min": min(values_length_minutes, default=None),
        "max": max(values_length_minutes, default=None),
    }
    return summary


def index_shifts(items: Iterable[Shift]) -> dict[str, Shift]:
    """Records keyed by shift_id; a repeated shift_id raises ValueError."""
    index: dict[str, Shift] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate shift_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_shifts_by_staff(items: Iterable[Shift]) -> dict[str, list[Shift]]:
    """Records grouped by staff (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Shift]] = {}
    for item in items:
        groups.setdefault(item.staff, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Equipment items
# --------------------------------------------------------------------------------------------------

EQUIPMENT_FIELDS: tuple[str, ...] = ("asset_tag", "kind", "room", "portable", "replacement_cost")


@dataclass
class Equipment:
    """A piece of equipment that can be reserved.

    Attributes:
        asset_tag: Inventory tag.
        kind: What it is.
        room: Where it normally is.
        portable: Can be moved between rooms.
        replacement_cost: Cost to replace it.
    """

    asset_tag: str
    kind: str = ""
    room: str = ""
    portable: bool = False
    replacement_cost: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.asset_tag.strip():
            raise ValueError("Equipment.asset_tag must not be empty")
        if self.replacement_cost < 0:
            raise ValueError(f"Equipment.replacement_cost must be >= 0, got {self.replacement_cost}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its asset_tag)."""
        return self.asset_tag

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "asset_tag": self.asset_tag,
            "kind": self.kind,
            "room": self.room,
            "portable": self.portable,
            "replacement_cost": self.replacement_cost,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Equipment":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "asset_tag" raises KeyError.
        """
        item = cls(
            asset_tag=str(data["asset_tag"]),
            kind=str(data.get("kind", "")),
            room=str(data.get("room", "")),
            portable=_as_bool(data.get("portable", False)),
            replacement_cost=_as_float(data.get("replacement_cost", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Equipment":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Equipment {self.asset_tag}: kind={self.kind!r}, room={self.room!r}, portable={self.portable!r}, replacement_cost={self.replacement_cost!r}"


class EquipmentRegistry:
    """Equipment records keyed by asset_tag, in insertion order."""

    def __init__(self, items: Iterable[Equipment] = ()) -> None:
        self._items: dict[str, Equipment] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Equipment]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Equipment) -> None:
        """Add a validated record; a asset_tag that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate equipment {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Equipment:
        """The record with this asset_tag; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no equipment {key!r}") from None

    def find(self, key: str) -> Equipment | None:
        """The record with this asset_tag, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Equipment:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Equipment:
        """Replace fields of one record (not its asset_tag) and return the new record."""
        if "asset_tag" in changes:
            raise ValueError("the asset_tag of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_kind(self, value: str) -> list[Equipment]:
        """Records whose kind equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.kind.strip().casefold() == wanted]

    def find_by_room(self, value: str) -> list[Equipment]:
        """Records whose room equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.room.strip().casefold() == wanted]

    def only_portable(self, value: bool = True) -> list[Equipment]:
        """Records whose portable flag is `value`."""
        return [item for item in self._items.values() if item.portable is value]

    def total_replacement_cost(self) -> float:
        """The sum of replacement_cost over all records (0 when empty)."""
        return sum((item.replacement_cost for item in self._items.values()), 0.0)

    def max_replacement_cost(self) -> Equipment | None:
        """The record with the largest replacement_cost (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.replacement_cost > best.replacement_cost:
                best = item
        return best

    def where(self, predicate: Callable[[Equipment], bool]) -> list[Equipment]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Equipment]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in EQUIPMENT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def equipment_items_to_csv(items: Iterable[Equipment]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EQUIPMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def equipment_items_from_csv(text: str) -> list[Equipment]:
    """Parse CSV text as `equipment_items_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Equipment.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_equipment_items(items: Iterable[Equipment]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_replacement_cost = [item.replacement_cost for item in items]
    summary["replacement_cost"] = {
        "total": sum(values_replacement_cost),
        "min": min(values_replacement_cost, default=None),
        "max": max(values_replacement_cost, default=None),
    }
    return summary


def index_equipment_items(items: Iterable[Equipment]) -> dict[str, Equipment]:
    """Records keyed by asset_tag; a repeated asset_tag raises ValueError."""
    index: dict[str, Equipment] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate asset_tag {item.key()!r}")
        index[item.key()] = item
    return index


def group_equipment_items_by_kind(items: Iterable[Equipment]) -> dict[str, list[Equipment]]:
    """Records grouped by kind (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Equipment]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Venues
# --------------------------------------------------------------------------------------------------

VENUE_FIELDS: tuple[str, ...] = ("venue_id", "city", "rooms", "day_rate", "catering")


@dataclass
class Venue:
    """An external venue for on-site courses.

    Attributes:
        venue_id: Venue id.
        city: City.
        rooms: Rooms available.
        day_rate: Rent per day.
        catering: Lunch can be ordered.
    """

    venue_id: str
    city: str = ""
    rooms: int = 1
    day_rate: float = 0.0
    catering: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.venue_id.strip():
            raise ValueError("Venue.venue_id must not be empty")
        if self.rooms <= 0:
            raise ValueError(f"Venue.rooms must be > 0, got {self.rooms}")
        if self.day_rate < 0:
            raise ValueError(f"Venue.day_rate must be >= 0, got {self.day_rate}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its venue_id)."""
        return self.venue_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "venue_id": self.venue_id,
            "city": self.city,
            "rooms": self.rooms,
            "day_rate": self.day_rate,
            "catering": self.catering,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Venue":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "venue_id" raises KeyError.
        """
        item = cls(
            venue_id=str(data["venue_id"]),
            city=str(data.get("city", "")),
            rooms=_as_int(data.get("rooms", 1)),
            day_rate=_as_float(data.get("day_rate", 0.0)),
            catering=_as_bool(data.get("catering", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Venue":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Venue {self.venue_id}: city={self.city!r}, rooms={self.rooms!r}, day_rate={self.day_rate!r}, catering={self.catering!r}"


class VenueRegistry:
    """Venue records keyed by venue_id, in insertion order."""

    def __init__(self, items: Iterable[Venue] = ()) -> None:
        self._items: dict[str, Venue] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Venue]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Venue) -> None:
        """Add a validated record; a venue_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate venue {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Venue:
        """The record with this venue_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no venue {key!r}") from None

    def find(self, key: str) -> Venue | None:
        """The record with this venue_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Venue:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Venue:
        """Replace fields of one record (not its venue_id) and return the new record."""
        if "venue_id" in changes:
            raise ValueError("the venue_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_city(self, value: str) -> list[Venue]:
        """Records whose city equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.city.strip().casefold() == wanted]

    def only_catering(self, value: bool = True) -> list[Venue]:
        """Records whose catering flag is `value`."""
        return [item for item in self._items.values() if item.catering is value]

    def total_rooms(self) -> int:
        """The sum of rooms over all records (0 when empty)."""
        return sum((item.rooms for item in self._items.values()), 0)

    def max_rooms(self) -> Venue | None:
        """The record with the largest rooms (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.rooms > best.rooms:
                best = item
        return best

    def total_day_rate(self) -> float:
        """The sum of day_rate over all records (0 when empty)."""
        return sum((item.day_rate for item in self._items.values()), 0.0)

    def max_day_rate(self) -> Venue | None:
        """The record with the largest day_rate (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.day_rate > best.day_rate:
                best = item
        return best

    def where(self, predicate: Callable[[Venue], bool]) -> list[Venue]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Venue]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in VENUE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def venues_to_csv(items: Iterable[Venue]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=VENUE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def venues_from_csv(text: str) -> list[Venue]:
    """Parse CSV text as `venues_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Venue.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_venues(items: Iterable[Venue]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_rooms = [item.rooms for item in items]
    summary["rooms"] = {
        "total": sum(values_rooms),
        "min": min(values_rooms, default=None),
        "max": max(values_rooms, default=None),
    }
    values_day_rate = [item.day_rate for item in items]
    summary["day_rate"] = {
        "total": sum(values_day_rate),
        "min": min(values_day_rate, default=None),
        "max": max(values_day_rate, default=None),
    }
    return summary


def index_venues(items: Iterable[Venue]) -> dict[str, Venue]:
    """Records keyed by venue_id; a repeated venue_id raises ValueError."""
    index: dict[str, Venue] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate venue_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_venues_by_city(items: Iterable[Venue]) -> dict[str, list[Venue]]:
    """Records grouped by city (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Venue]] = {}
    for item in items:
        groups.setdefault(item.city, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Availabilities
# --------------------------------------------------------------------------------------------------

AVAILABILITY_FIELDS: tuple[str, ...] = ("availability_id", "trainer_id", "from_day", "to_day", "days_per_week")


@dataclass
class Availability:
    """A trainer's available period.

    Attributes:
        availability_id: Entry id.
        trainer_id: Trainer.
        from_day: First ISO date.
        to_day: Last ISO date.
        days_per_week: Days they can teach.
    """

    availability_id: str
    trainer_id: str = ""
    from_day: str = ""
    to_day: str = ""
    days_per_week: int = 5

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.availability_id.strip():
            raise ValueError("Availability.availability_id must not be empty")
        if not 1 <= self.days_per_week <= 7:
            raise ValueError(f"Availability.days_per_week must be between 1 and 7, got {self.days_per_week}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its availability_id)."""
        return self.availability_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "availability_id": self.availability_id,
            "trainer_id": self.trainer_id,
            "from_day": self.from_day,
            "to_day": self.to_day,
            "days_per_week": self.days_per_week,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Availability":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "availability_id" raises KeyError.
        """
        item = cls(
            availability_id=str(data["availability_id"]),
            trainer_id=str(data.get("trainer_id", "")),
            from_day=str(data.get("from_day", "")),
            to_day=str(data.get("to_day", "")),
            days_per_week=_as_int(data.get("days_per_week", 5)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Availability":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Availability {self.availability_id}: trainer_id={self.trainer_id!r}, from_day={self.from_day!r}, to_day={self.to_day!r}, days_per_week={self.days_per_week!r}"


class AvailabilityRegistry:
    """Availability records keyed by availability_id, in insertion order."""

    def __init__(self, items: Iterable[Availability] = ()) -> None:
        self._items: dict[str, Availability] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Availability]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Availability) -> None:
        """Add a validated record; a availability_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate availability {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Availability:
        """The record with this availability_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no availability {key!r}") from None

    def find(self, key: str) -> Availability | None:
        """The record with this availability_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Availability:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Availability:
        """Replace fields of one record (not its availability_id) and return the new record."""
        if "availability_id" in changes:
            raise ValueError("the availability_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_trainer_id(self, value: str) -> list[Availability]:
        """Records whose trainer_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.trainer_id.strip().casefold() == wanted]

    def find_by_from_day(self, value: str) -> list[Availability]:
        """Records whose from_day equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.from_day.strip().casefold() == wanted]

    def find_by_to_day(self, value: str) -> list[Availability]:
        """Records whose to_day equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.to_day.strip().casefold() == wanted]

    def total_days_per_week(self) -> int:
        """The sum of days_per_week over all records (0 when empty)."""
        return sum((item.days_per_week for item in self._items.values()), 0)

    def max_days_per_week(self) -> Availability | None:
        """The record with the largest days_per_week (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.days_per_week > best.days_per_week:
                best = item
        return best

    def where(self, predicate: Callable[[Availability], bool]) -> list[Availability]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Availability]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in AVAILABILITY_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def availabilities_to_csv(items: Iterable[Availability]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=AVAILABILITY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def availabilities_from_csv(text: str) -> list[Availability]:
    """Parse CSV text as `availabilities_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Availability.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_availabilities(items: Iterable[Availability]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_days_per_week = [item.days_per_week for item in items]
    summary["days_per_week"] = {
        "total": sum(values_days_per_week),
        "min": min(values_days_per_week, default=None),
        "max": max(values_days_per_week, default=None),
    }
    return summary


def index_availabilities(items: Iterable[Availability]) -> dict[str, Availability]:
    """Records keyed by availability_id; a repeated availability_id raises ValueError."""
    index: dict[str, Availability] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate availability_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_availabilities_by_trainer_id(items: Iterable[Availability]) -> dict[str, list[Availability]]:
    """Records grouped by trainer_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Availability]] = {}
    for item in items:
        groups.setdefault(item.trainer_id, []).append(item)
    return groups


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


# --------------------------------------------------------------------------------------------------
# Room requests
# --------------------------------------------------------------------------------------------------

ROOM_REQUEST_FIELDS: tuple[str, ...] = ("request_id", "requested_by", "seats", "duration_minutes", "priority")


@dataclass
class RoomRequest:
    """A request for a room not yet granted.

    Attributes:
        request_id: Request id.
        requested_by: Who asked.
        seats: Seats needed.
        duration_minutes: How long.
        priority: How urgent.
    """

    request_id: str
    requested_by: str = ""
    seats: int = 1
    duration_minutes: int = 60
    priority: str = "normal"

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.request_id.strip():
            raise ValueError("RoomRequest.request_id must not be empty")
        if self.seats <= 0:
            raise ValueError(f"RoomRequest.seats must be > 0, got {self.seats}")
        if self.duration_minutes <= 0:
            raise ValueError(f"RoomRequest.duration_minutes must be > 0, got {self.duration_minutes}")
        if self.priority not in ("low", "normal", "high"):
            raise ValueError(f"RoomRequest.priority must be one of low, normal, high, got {self.priority!r}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its request_id)."""
        return self.request_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "request_id": self.request_id,
            "requested_by": self.requested_by,
            "seats": self.seats,
            "duration_minutes": self.duration_minutes,
            "priority": self.priority,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "RoomRequest":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "request_id" raises KeyError.
        """
        item = cls(
            request_id=str(data["request_id"]),
            requested_by=str(data.get("requested_by", "")),
            seats=_as_int(data.get("seats", 1)),
            duration_minutes=_as_int(data.get("duration_minutes", 60)),
            priority=str(data.get("priority", "normal")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "RoomRequest":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"RoomRequest {self.request_id}: requested_by={self.requested_by!r}, seats={self.seats!r}, duration_minutes={self.duration_minutes!r}, priority={self.priority!r}"


class RoomRequestRegistry:
    """RoomRequest records keyed by request_id, in insertion order."""

    def __init__(self, items: Iterable[RoomRequest] = ()) -> None:
        self._items: dict[str, RoomRequest] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[RoomRequest]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: RoomRequest) -> None:
        """Add a validated record; a request_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate roomrequest {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> RoomRequest:
        """The record with this request_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no roomrequest {key!r}") from None

    def find(self, key: str) -> RoomRequest | None:
        """The record with this request_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> RoomRequest:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> RoomRequest:
        """Replace fields of one record (not its request_id) and return the new record."""
        if "request_id" in changes:
            raise ValueError("the request_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_requested_by(self, value: str) -> list[RoomRequest]:
        """Records whose requested_by equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.requested_by.strip().casefold() == wanted]

    def find_by_priority(self, value: str) -> list[RoomRequest]:
        """Records whose priority equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.priority.strip().casefold() == wanted]

    def total_seats(self) -> int:
        """The sum of seats over all records (0 when empty)."""
        return sum((item.seats for item in self._items.values()), 0)

    def max_seats(self) -> RoomRequest | None:
        """The record with the largest seats (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.seats > best.seats:
                best = item
        return best

    def total_duration_minutes(self) -> int:
        """The sum of duration_minutes over all records (0 when empty)."""
        return sum((item.duration_minutes for item in self._items.values()), 0)

    def max_duration_minutes(self) -> RoomRequest | None:
        """The record with the largest duration_minutes (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.duration_minutes > best.duration_minutes:
                best = item
        return best

    def where(self, predicate: Callable[[RoomRequest], bool]) -> list[RoomRequest]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[RoomRequest]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in ROOM_REQUEST_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def room_requests_to_csv(items: Iterable[RoomRequest]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ROOM_REQUEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def room_requests_from_csv(text: str) -> list[RoomRequest]:
    """Parse CSV text as `room_requests_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [RoomRequest.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_room_requests(items: Iterable[RoomRequest]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_seats = [item.seats for item in items]
    summary["seats"] = {
        "total": sum(values_seats),
        "min": min(values_seats, default=None),
        "max": max(values_seats, default=None),
    }
    values_duration_minutes = [item.duration_minutes for item in items]
    summary["duration_minutes"] = {
        "total": sum(values_duration_minutes),
        "min": min(values_duration_minutes, default=None),
        "max": max(values_duration_minutes, default=None),
    }
    return summary


def index_room_requests(items: Iterable[RoomRequest]) -> dict[str, RoomRequest]:
    """Records keyed by request_id; a repeated request_id raises ValueError."""
    index: dict[str, RoomRequest] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate request_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_room_requests_by_requested_by(items: Iterable[RoomRequest]) -> dict[str, list[RoomRequest]]:
    """Records grouped by requested_by (keys in first-seen order, records in input order)."""
    groups: dict[str, list[RoomRequest]] = {}
    for item in items:
        groups.setdefault(item.requested_by, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Teams
# --------------------------------------------------------------------------------------------------

TEAM_FIELDS: tuple[str, ...] = ("team_id", "name", "lead", "members")


@dataclass
class Team:
    """A group of staff planned together.

    Attributes:
        team_id: Team id.
        name: Team name.
        lead: Team lead.
        members: Number of members.
    """

    team_id: str
    name: str = ""
    lead: str = ""
    members: int = 1

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.team_id.strip():
            raise ValueError("Team.team_id must not be empty")
        if self.members <= 0:
            raise ValueError(f"Team.members must be > 0, got {self.members}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its team_id)."""
        return self.team_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "team_id": self.team_id,
            "name": self.name,
            "lead": self.lead,
            "members": self.members,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Team":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "team_id" raises KeyError.
        """
        item = cls(
            team_id=str(data["team_id"]),
            name=str(data.get("name", "")),
            lead=str(data.get("lead", "")),
            members=_as_int(data.get("members", 1)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Team":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Team {self.team_id}: name={self.name!r}, lead={self.lead!r}, members={self.members!r}"


class TeamRegistry:
    """Team records keyed by team_id, in insertion order."""

    def __init__(self, items: Iterable[Team] = ()) -> None:
        self._items: dict[str, Team] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Team]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Team) -> None:
        """Add a validated record; a team_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate team {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Team:
        """The record with this team_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no team {key!r}") from None

    def find(self, key: str) -> Team | None:
        """The record with this team_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Team:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Team:
        """Replace fields of one record (not its team_id) and return the new record."""
        if "team_id" in changes:
            raise ValueError("the team_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Team]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_lead(self, value: str) -> list[Team]:
        """Records whose lead equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.lead.strip().casefold() == wanted]

    def total_members(self) -> int:
        """The sum of members over all records (0 when empty)."""
        return sum((item.members for item in self._items.values()), 0)

    def max_members(self) -> Team | None:
        """The record with the largest members (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.members > best.members:
                best = item
        return best

    def where(self, predicate: Callable[[Team], bool]) -> list[Team]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Team]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in TEAM_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def teams_to_csv(items: Iterable[Team]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TEAM_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def teams_from_csv(text: str) -> list[Team]:
    """Parse CSV text as `teams_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Team.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_teams(items: Iterable[Team]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_members = [item.members for item in items]
    summary["members"] = {
        "total": sum(values_members),
        "min": min(values_members, default=None),
        "max": max(values_members, default=None),
    }
    return summary


def index_teams(items: Iterable[Team]) -> dict[str, Team]:
    """Records keyed by team_id; a repeated team_id raises ValueError."""
    index: dict[str, Team] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate team_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_teams_by_name(items: Iterable[Team]) -> dict[str, list[Team]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Team]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Closures
# --------------------------------------------------------------------------------------------------

CLOSURE_FIELDS: tuple[str, ...] = ("closure_id", "room", "from_day", "days", "reason")


@dataclass
class Closure:
    """A room closed for maintenance.

    Attributes:
        closure_id: Closure id.
        room: Room code.
        from_day: First ISO date.
        days: How many days.
        reason: Why.
    """

    closure_id: str
    room: str = ""
    from_day: str = ""
    days: int = 1
    reason: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.closure_id.strip():
            raise ValueError("Closure.closure_id must not be empty")
        if self.days <= 0:
            raise ValueError(f"Closure.days must be > 0, got {self.days}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its closure_id)."""
        return self.closure_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "closure_id": self.closure_id,
            "room": self.room,
            "from_day": self.from_day,
            "days": self.days,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Closure":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "closure_id" raises KeyError.
        """
        item = cls(
            closure_id=str(data["closure_id"]),
            room=str(data.get("room", "")),
            from_day=str(data.get("from_day", "")),
            days=_as_int(data.get("days", 1)),
            reason=str(data.get("reason", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Closure":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Closure {self.closure_id}: room={self.room!r}, from_day={self.from_day!r}, days={self.days!r}, reason={self.reason!r}"


class ClosureRegistry:
    """Closure records keyed by closure_id, in insertion order."""

    def __init__(self, items: Iterable[Closure] = ()) -> None:
        self._items: dict[str, Closure] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Closure]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Closure) -> None:
        """Add a validated record; a closure_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate closure {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Closure:
        """The record with this closure_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no closure {key!r}") from None

    def find(self, key: str) -> Closure | None:
        """The record with this closure_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Closure:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Closure:
        """Replace fields of one record (not its closure_id) and return the new record."""
        if "closure_id" in changes:
            raise ValueError("the closure_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_room(self, value: str) -> list[Closure]:
        """Records whose room equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.room.strip().casefold() == wanted]

    def find_by_from_day(self, value: str) -> list[Closure]:
        """Records whose from_day equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.from_day.strip().casefold() == wanted]

    def find_by_reason(self, value: str) -> list[Closure]:
        """Records whose reason equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.reason.strip().casefold() == wanted]

    def total_days(self) -> int:
        """The sum of days over all records (0 when empty)."""
        return sum((item.days for item in self._items.values()), 0)

    def max_days(self) -> Closure | None:
        """The record with the largest days (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.days > best.days:
                best = item
        return best

    def where(self, predicate: Callable[[Closure], bool]) -> list[Closure]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Closure]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in CLOSURE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def closures_to_csv(items: Iterable[Closure]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLOSURE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def closures_from_csv(text: str) -> list[Closure]:
    """Parse CSV text as `closures_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Closure.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_closures(items: Iterable[Closure]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_days = [item.days for item in items]
    summary["days"] = {
        "total": sum(values_days),
        "min": min(values_days, default=None),
        "max": max(values_days, default=None),
    }
    return summary


def index_closures(items: Iterable[Closure]) -> dict[str, Closure]:
    """Records keyed by closure_id; a repeated closure_id raises ValueError."""
    index: dict[str, Closure] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate closure_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_closures_by_room(items: Iterable[Closure]) -> dict[str, list[Closure]]:
    """Records grouped by room (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Closure]] = {}
    for item in items:
        groups.setdefault(item.room, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Waitlists
# --------------------------------------------------------------------------------------------------

WAITLIST_FIELDS: tuple[str, ...] = ("waitlist_id", "session_id", "people", "notify")


@dataclass
class Waitlist:
    """People waiting for a full session.

    Attributes:
        waitlist_id: Waitlist id.
        session_id: Session.
        people: People waiting.
        notify: Send e-mails when a seat frees up.
    """

    waitlist_id: str
    session_id: str = ""
    people: int = 0
    notify: bool = True

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.waitlist_id.strip():
            raise ValueError("Waitlist.waitlist_id must not be empty")
        if self.people < 0:
            raise ValueError(f"Waitlist.people must be >= 0, got {self.people}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its waitlist_id)."""
        return self.waitlist_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "waitlist_id": self.waitlist_id,
            "session_id": self.session_id,
            "people": self.people,
            "notify": self.notify,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Waitlist":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "waitlist_id" raises KeyError.
        """
        item = cls(
            waitlist_id=str(data["waitlist_id"]),
            session_id=str(data.get("session_id", "")),
            people=_as_int(data.get("people", 0)),
            notify=_as_bool(data.get("notify", True)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Waitlist":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Waitlist {self.waitlist_id}: session_id={self.session_id!r}, people={self.people!r}, notify={self.notify!r}"


class WaitlistRegistry:
    """Waitlist records keyed by waitlist_id, in insertion order."""

    def __init__(self, items: Iterable[Waitlist] = ()) -> None:
        self._items: dict[str, Waitlist] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Waitlist]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Waitlist) -> None:
        """Add a validated record; a waitlist_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate waitlist {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Waitlist:
        """The record with this waitlist_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no waitlist {key!r}") from None

    def find(self, key: str) -> Waitlist | None:
        """The record with this waitlist_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Waitlist:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Waitlist:
        """Replace fields of one record (not its waitlist_id) and return the new record."""
        if "waitlist_id" in changes:
            raise ValueError("the waitlist_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_session_id(self, value: str) -> list[Waitlist]:
        """Records whose session_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.session_id.strip().casefold() == wanted]

    def only_notify(self, value: bool = True) -> list[Waitlist]:
        """Records whose notify flag is `value`."""
        return [item for item in self._items.values() if item.notify is value]

    def total_people(self) -> int:
        """The sum of people over all records (0 when empty)."""
        return sum((item.people for item in self._items.values()), 0)

    def max_people(self) -> Waitlist | None:
        """The record with the largest people (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.people > best.people:
                best = item
        return best

    def where(self, predicate: Callable[[Waitlist], bool]) -> list[Waitlist]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Waitlist]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in WAITLIST_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def waitlists_to_csv(items: Iterable[Waitlist]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=WAITLIST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def waitlists_from_csv(text: str) -> list[Waitlist]:
    """Parse CSV text as `waitlists_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Waitlist.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_waitlists(items: Iterable[Waitlist]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_people = [item.people for item in items]
    summary["people"] = {
        "total": sum(values_people),
        "min": min(values_people, default=None),
        "max": max(values_people, default=None),
    }
    return summary


def index_waitlists(items: Iterable[Waitlist]) -> dict[str, Waitlist]:
    """Records keyed by waitlist_id; a repeated waitlist_id raises ValueError."""
    index: dict[str, Waitlist] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate waitlist_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_waitlists_by_session_id(items: Iterable[Waitlist]) -> dict[str, list[Waitlist]]:
    """Records grouped by session_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Waitlist]] = {}
    for item in items:
        groups.setdefault(item.session_id, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Invoices
# --------------------------------------------------------------------------------------------------

INVOICE_FIELDS: tuple[str, ...] = ("number", "company", "sessions", "total", "paid")


@dataclass
class Invoice:
    """A course invoice to a company.

    Attributes:
        number: Invoice number.
        company: Company billed.
        sessions: Sessions billed.
        total: Invoice total.
        paid: Whether it is paid.
    """

    number: str
    company: str = ""
    sessions: int = 1
    total: float = 0.0
    paid: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.number.strip():
            raise ValueError("Invoice.number must not be empty")
        if self.sessions <= 0:
            raise ValueError(f"Invoice.sessions must be > 0, got {self.sessions}")
        if self.total < 0:
            raise ValueError(f"Invoice.total must be >= 0, got {self.total}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its number)."""
        return self.number

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "number": self.number,
            "company": self.company,
            "sessions": self.sessions,
            "total": self.total,
            "paid": self.paid,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Invoice":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "number" raises KeyError.
        """
        item = cls(
            number=str(data["number"]),
            company=str(data.get("company", "")),
            sessions=_as_int(data.get("sessions", 1)),
            total=_as_float(data.get("total", 0.0)),
            paid=_as_bool(data.get("paid", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Invoice":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Invoice {self.number}: company={self.company!r}, sessions={self.sessions!r}, total={self.total!r}, paid={self.paid!r}"


class InvoiceRegistry:
    """Invoice records keyed by number, in insertion order."""

    def __init__(self, items: Iterable[Invoice] = ()) -> None:
        self._items: dict[str, Invoice] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Invoice]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Invoice) -> None:
        """Add a validated record; a number that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate invoice {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Invoice:
        """The record with this number; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no invoice {key!r}") from None

    def find(self, key: str) -> Invoice | None:
        """The record with this number, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Invoice:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Invoice:
        """Replace fields of one record (not its number) and return the new record."""
        if "number" in changes:
            raise ValueError("the number of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_company(self, value: str) -> list[Invoice]:
        """Records whose company equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.company.strip().casefold() == wanted]

    def only_paid(self, value: bool = True) -> list[Invoice]:
        """Records whose paid flag is `value`."""
        return [item for item in self._items.values() if item.paid is value]

    def total_sessions(self) -> int:
        """The sum of sessions over all records (0 when empty)."""
        return sum((item.sessions for item in self._items.values()), 0)

    def max_sessions(self) -> Invoice | None:
        """The record with the largest sessions (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.sessions > best.sessions:
                best = item
        return best

    def total_total(self) -> float:
        """The sum of total over all records (0 when empty)."""
        return sum((item.total for item in self._items.values()), 0.0)

    def max_total(self) -> Invoice | None:
        """The record with the largest total (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.total > best.total:
                best = item
        return best

    def where(self, predicate: Callable[[Invoice], bool]) -> list[Invoice]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Invoice]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in INVOICE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def invoices_to_csv(items: Iterable[Invoice]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=INVOICE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def invoices_from_csv(text: str) -> list[Invoice]:
    """Parse CSV text as `invoices_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Invoice.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_invoices(items: Iterable[Invoice]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_sessions = [item.sessions for item in items]
    summary["sessions"] = {
        "total": sum(values_sessions),
        "min": min(values_sessions, default=None),
        "max": max(values_sessions, default=None),
    }
    values_total = [item.total for item in items]
    summary["total"] = {
        "total": sum(values_total),
        "min": min(values_total, default=None),
        "max": max(values_total, default=None),
    }
    return summary


def index_invoices(items: Iterable[Invoice]) -> dict[str, Invoice]:
    """Records keyed by number; a repeated number raises ValueError."""
    index: dict[str, Invoice] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate number {item.key()!r}")
        index[item.key()] = item
    return index


def group_invoices_by_company(items: Iterable[Invoice]) -> dict[str, list[Invoice]]:
    """Records grouped by company (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Invoice]] = {}
    for item in items:
        groups.setdefault(item.company, []).append(item)
    return groups


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
