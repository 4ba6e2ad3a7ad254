"""Counting log lines per level."""

from __future__ import annotations

from collections.abc import Iterable

from logscan.parse import LEVELS, parse_line


def count_levels(lines: Iterable[str]) -> dict[str, int]:
    """How many lines of each level; lines not in the "LEVEL: message" form are skipped."""
    counts = {level: 0 for level in LEVELS}
    for line in lines:
        parsed = parse_line(line)
        if parsed is None:
            continue
        counts[parsed[0]] += 1
    return counts
