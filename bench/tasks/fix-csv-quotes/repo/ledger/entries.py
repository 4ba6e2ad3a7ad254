"""Ledger entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger.csvline import split_line


@dataclass(frozen=True)
class Entry:
    day: date
    description: str
    amount: float


def parse_entry(line: str) -> Entry:
    """One "YYYY-MM-DD,description,amount" line of the export."""
    day, description, amount = split_line(line)
    return Entry(date.fromisoformat(day), description, float(amount))
