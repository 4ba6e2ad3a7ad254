"""Time periods of the status page."""

from __future__ import annotations

SECONDS_PER_HOUR = 3600
SECONDS_PER_DAY = 86400


def days_to_seconds(days: float) -> float:
    return days * SECONDS_PER_DAY


def uptime_percent(down_seconds: float, days: float) -> float:
    """Share of the period the service was up, in percent, rounded to 3 decimals."""
    total = days * SECONDS_PER_DAY
    return round(100 * (total - down_seconds) / total, 3)


def format_downtime(seconds: float) -> str:
    """"<d>d <h>h" for long outages, "<h>h <m>m" for shorter ones."""
    if seconds >= SECONDS_PER_DAY:
        return f"{int(seconds // SECONDS_PER_DAY)}d {int(seconds % SECONDS_PER_DAY // SECONDS_PER_HOUR)}h"
    return f"{int(seconds // SECONDS_PER_HOUR)}h {int(seconds % SECONDS_PER_HOUR // 60)}m"
