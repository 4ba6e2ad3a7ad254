"""Durations as people type them in the rota sheet."""

from __future__ import annotations


def parse_duration(text: str) -> int:
    """Parse a duration like "1h30m", "45m" or "2h5s" into whole seconds.

    The text is one or more <number><unit> parts with nothing in between: "h" (hours),
    "m" (minutes) and "s" (seconds). Each unit appears at most once, in the order h, m, s.
    Raise ValueError for anything else: empty text, an unknown unit, a number without a
    unit, spaces, units out of order.

    >>> parse_duration("1h30m")
    5400
    >>> parse_duration("45s")
    45
    """
    raise NotImplementedError


def format_duration(seconds: int) -> str:
    """The reverse of parse_duration for display: 5400 -> "1h30m", 45 -> "45s", 0 -> "0s"."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value]
    return "".join(parts) or "0s"
