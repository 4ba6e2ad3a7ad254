"""How long to wait between tries."""

from __future__ import annotations


def backoff_delays(attempts: int, base: float = 0.5) -> list[float]:
    """Seconds to wait before each retry: base, base*2, base*4, ... (attempts - 1 values)."""
    return [base * 2**n for n in range(attempts - 1)]
