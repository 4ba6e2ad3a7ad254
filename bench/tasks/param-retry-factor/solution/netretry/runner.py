"""Calling a function until it succeeds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from netretry.backoff import backoff_delays

T = TypeVar("T")


def call_with_retry(
    fn: Callable[[], T],
    attempts: int = 3,
    base: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    factor: float = 2.0,
) -> T:
    """Call `fn` until it returns without raising, at most `attempts` times; sleep between tries
    as `backoff_delays` says; re-raise the last error."""
    delays = backoff_delays(attempts, base, factor=factor)
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            if attempt == attempts - 1:
                raise
            sleep(delays[attempt])
    raise ValueError("attempts must be at least 1")
