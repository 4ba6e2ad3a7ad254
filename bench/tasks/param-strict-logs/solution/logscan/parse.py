"""Parsing "LEVEL: message" log lines."""

from __future__ import annotations

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def parse_line(line: str, strict: bool = False) -> tuple[str, str] | None:
    """(level, message) for a "LEVEL: message" line; None (or ValueError when strict) otherwise."""
    level, sep, message = line.partition(": ")
    if not sep or level not in LEVELS:
        if strict:
            raise ValueError(f"malformed log line: {line!r}")
        return None
    return level, message.rstrip("\n")
