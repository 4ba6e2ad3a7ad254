"""Durations written as hours:minutes."""

from __future__ import annotations


def parse_hhmm(text: str) -> int:
    """Minutes in an "H:MM" duration such as "1:30" (90) or "0:05" (5).

    Hours are one or more digits, minutes exactly two digits from 00 to 59; spaces around the
    text are ignored. Anything else raises ValueError.
    """
    raise NotImplementedError
