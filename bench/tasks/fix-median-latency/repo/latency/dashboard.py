"""The numbers on the dashboard's latency panel."""

from __future__ import annotations

from collections.abc import Iterable

from latency.stats import middle, percentile


def parse_log_line(line: str) -> tuple[str, float]:
    """(endpoint, milliseconds) from an access-log line "GET /path 200 12.5ms"."""
    method, path, _status, took = line.split()
    if not took.endswith("ms"):
        raise ValueError(f"no duration in {line!r}")
    return f"{method} {path}", float(took[:-2])


def panel(durations_ms: Iterable[float]) -> dict[str, float]:
    """count, median, p95 and max of response times in milliseconds."""
    values = sorted(durations_ms)
    return {"count": len(values), "median": middle(values), "p95": percentile(values, 95), "max": values[-1]}


def per_endpoint(lines: Iterable[str]) -> dict[str, dict[str, float]]:
    """The panel for every endpoint seen in the log lines, endpoints sorted."""
    groups: dict[str, list[float]] = {}
    for line in lines:
        endpoint, took = parse_log_line(line)
        groups.setdefault(endpoint, []).append(took)
    return {endpoint: panel(values) for endpoint, values in sorted(groups.items())}
