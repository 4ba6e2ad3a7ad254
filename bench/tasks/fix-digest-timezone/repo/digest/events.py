"""Events and the daily digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from digest.clock import to_local


@dataclass(frozen=True)
class Event:
    title: str
    starts_utc: datetime
    minutes: int = 60


def local_day(event: Event, zone: str) -> date:
    """The calendar day the event starts on for someone in `zone`."""
    return to_local(event.starts_utc, zone).date()


def digest(events: list[Event], zone: str) -> dict[date, list[str]]:
    """Event lines grouped by local day (days in order), each "HH:MM title" in local time, by start."""
    days: dict[date, list[tuple[datetime, str]]] = {}
    for event in events:
        local = to_local(event.starts_utc, zone)
        days.setdefault(local.date(), []).append((local, event.title))
    return {day: [f"{start:%H:%M} {title}" for start, title in sorted(items)] for day, items in sorted(days.items())}


def digest_text(events: list[Event], zone: str) -> str:
    """The digest as the e-mail body: a "YYYY-MM-DD" heading per day, then its event lines."""
    blocks = []
    for day, lines in digest(events, zone).items():
        blocks.append("\n".join([day.isoformat(), *(f"  {line}" for line in lines)]))
    return "\n\n".join(blocks)
