"""One sliding log per webhook client."""

from __future__ import annotations

from ratelog.log import SlidingLog


class ClientLimiter:
    """Rate limits each client separately with its own SlidingLog(limit, period)."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.logs: dict[str, SlidingLog] = {}

    def allow(self, client: str, now: float) -> bool:
        """Use the client's SlidingLog (created on its first call) to decide."""
        raise NotImplementedError

    def forget_idle(self, now: float) -> int:
        """Drop the logs of clients that are idle at `now` (SlidingLog.is_idle); returns how many
        were dropped."""
        raise NotImplementedError
