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
        log = self.logs.get(client)
        if log is None:
            log = self.logs[client] = SlidingLog(self.limit, self.period)
        return log.allow(now)

    def forget_idle(self, now: float) -> int:
        """Drop the logs of clients that are idle at `now`; returns how many were dropped."""
        idle = [client for client, log in self.logs.items() if log.is_idle(now)]
        for client in idle:
            del self.logs[client]
        return len(idle)
