"""Invoice numbers such as "INV-2024-0042"."""

from __future__ import annotations


def next_number(last: str | None, year: int) -> str:
    """The invoice number after `last` for an invoice issued in `year`.

    Numbers look like "INV-<year>-<counter>", the counter with at least 4 digits ("INV-2024-0042").
    The counter restarts at 1 in a new year: after "INV-2023-0917" the first number of 2024 is
    "INV-2024-0001". With no `last` (None), the result is the first number of `year`. A `last` that
    is not of that form raises ValueError.
    """
    raise NotImplementedError
