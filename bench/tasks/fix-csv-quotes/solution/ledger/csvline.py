"""Splitting one line of a bank's CSV export."""

from __future__ import annotations

import csv


def split_line(line: str) -> list[str]:
    """Split one CSV line into its fields (quoted fields may hold commas and doubled quotes)."""
    return next(csv.reader([line.strip()]))
