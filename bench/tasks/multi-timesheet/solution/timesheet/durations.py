"""Durations written as hours:minutes."""

from __future__ import annotations

import re

_HHMM = re.compile(r"(\d+):([0-5]\d)")


def parse_hhmm(text: str) -> int:
    """Minutes in an "H:MM" duration such as "1:30" (90) or "0:05" (5); ValueError otherwise."""
    match = _HHMM.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an H:MM duration: {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))
