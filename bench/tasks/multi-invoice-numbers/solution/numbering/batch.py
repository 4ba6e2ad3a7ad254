"""Numbering a batch of draft invoices."""

from __future__ import annotations

from datetime import date

from numbering.sequence import next_number


def number_invoices(drafts: list[tuple[str, date]], last: str | None) -> dict[str, str]:
    """{draft id: invoice number}, drafts numbered in order of issue date, starting after `last`."""
    numbers = {}
    for draft_id, issued in sorted(drafts, key=lambda draft: draft[1]):
        last = next_number(last, issued.year)
        numbers[draft_id] = last
    return numbers
