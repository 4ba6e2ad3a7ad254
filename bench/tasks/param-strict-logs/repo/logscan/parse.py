"""Parsing "LEVEL: message" log lines."""

from __future__ import annotations

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def parse_line(line: str) -> tuple[str, str] | None:
    """(level, message) for a "LEVEL: message" line; None for a line not in that form."""
    level, sep, message = line.partition(": ")
    if not sep or level not in LEVELS:
        return None
    return level, message.rstrip("\n")
