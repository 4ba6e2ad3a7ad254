"""Column arithmetic."""

from __future__ import annotations

from csvtools.reader import read_rows


def column_sum(text: str, column: str, delimiter: str = ",") -> float:
    """Sum of one numeric column of a CSV text."""
    return sum(float(row[column]) for row in read_rows(text, delimiter=delimiter))
