"""Invoice numbers such as "INV-2024-0042"."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"INV-(\d{4})-(\d{4,})")


def next_number(last: str | None, year: int) -> str:
    """The invoice number after `last` in `year`; the counter restarts at 1 in a new year."""
    counter = 1
    if last is not None:
        match = _NUMBER.fullmatch(last)
        if match is None:
            raise ValueError(f"not an invoice number: {last!r}")
        if int(match.group(1)) == year:
            counter = int(match.group(2)) + 1
    return f"INV-{year}-{counter:04d}"
