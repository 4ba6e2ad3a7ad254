"""A token bucket with an explicit clock."""

from __future__ import annotations


class TokenBucket:
    """Holds at most `capacity` tokens and gains `rate` tokens per second; it starts full.

    Time is passed in explicitly (seconds from a monotonic clock) so tests need no real clock.
    """

    def __init__(self, capacity: float, rate: float, now: float = 0.0) -> None:
        if capacity <= 0 or rate < 0:
            raise ValueError("capacity must be > 0 and rate >= 0")
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def allow(self, now: float, cost: float = 1.0) -> bool:
        """Take `cost` tokens if the bucket holds enough at time `now` (refilling first)."""
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + self.rate * (now - self.updated))
            self.updated = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
