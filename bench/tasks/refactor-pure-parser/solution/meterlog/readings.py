"""Meter readings: "YYYY-MM-DD;kWh" lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def parse_readings(text: str) -> list[tuple[date, float]]:
    """Readings from export text, sorted by day; blank lines and "#" comments are skipped."""
    readings = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        day, _, kwh = line.partition(";")
        readings.append((date.fromisoformat(day), float(kwh)))
    return sorted(readings)


def load_readings(path: Path) -> list[tuple[date, float]]:
    """Readings from an export file (see parse_readings)."""
    return parse_readings(path.read_text(encoding="utf-8"))


def daily_use(readings: list[tuple[date, float]]) -> list[tuple[date, float]]:
    """Use between consecutive readings: (day of the later reading, kWh difference)."""
    return [(later[0], round(later[1] - earlier[1], 3)) for earlier, later in zip(readings, readings[1:])]
