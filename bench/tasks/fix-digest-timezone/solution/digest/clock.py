"""Converting UTC timestamps to a team's local time (fixed offsets, no daylight saving)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

OFFSETS = {"UTC": 0, "Berlin": 60, "New York": -300, "Tokyo": 540, "Kolkata": 330}


def offset_minutes(zone: str) -> int:
    """Minutes the zone is ahead of UTC (negative: behind); unknown zones raise KeyError."""
    try:
        return OFFSETS[zone]
    except KeyError:
        raise KeyError(f"unknown time zone {zone!r}") from None


def to_local(moment: datetime, zone: str) -> datetime:
    """A UTC moment (aware or naive-meaning-UTC) as naive local wall-clock time in `zone`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment + timedelta(minutes=offset_minutes(zone))
