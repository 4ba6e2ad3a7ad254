"""Numbering a batch of draft invoices."""

from __future__ import annotations

from datetime import date


def number_invoices(drafts: list[tuple[str, date]], last: str | None) -> dict[str, str]:
    """{draft id: invoice number} for drafts given as (draft id, issue date).

    Drafts are numbered in order of issue date (drafts with the same date in their given order),
    each with next_number applied to the previous number, starting from `last`.
    """
    raise NotImplementedError
