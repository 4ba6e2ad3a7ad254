"""Time periods of the status page."""

from __future__ import annotations


def days_to_seconds(days: float) -> float:
    return days * 86400


def uptime_percent(down_seconds: float, days: float) -> float:
    """Share of the period the service was up, in percent, rounded to 3 decimals."""
    total = days * 86400
    return round(100 * (total - down_seconds) / total, 3)


def format_downtime(seconds: float) -> str:
    """"<d>d <h>h" for long outages, "<h>h <m>m" for shorter ones."""
    if seconds >= 86400:
        return f"{int(seconds // 86400)}d {int(seconds % 86400 // 3600)}h"
    return f"{int(seconds // 3600)}h {int(seconds % 3600 // 60)}m"
