"""Date spans written as "YYYY-MM-DD..YYYY-MM-DD"."""

from __future__ import annotations

from datetime import date


def parse_span(text: str) -> tuple[date, date]:
    """(first, last) for "2024-03-01..2024-03-05" (both days included).

    A single date "2024-03-01" means (that day, that day). Spaces around the text are ignored.
    A span whose last day is before its first day, or text that is not in one of these forms,
    raises ValueError.
    """
    raise NotImplementedError
