"""Retry schedules."""

from __future__ import annotations


def delays(max_attempts: int, base: float = 0.5, factor: float = 2.0, cap: float = 30.0) -> list[float]:
    """The waits between attempts for `max_attempts` attempts in total: one fewer than attempts
    (nothing is waited before the first attempt or after the last), growing by `factor`, at most `cap`.

    >>> delays(4)
    [0.5, 1.0, 2.0]
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    return [min(base * factor**n, cap) for n in range(max_attempts - 1)]
