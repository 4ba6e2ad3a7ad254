"""Print jobs."""

from __future__ import annotations

from printdialog.pages import parse_pages


def sheets(pages_field: str, page_count: int, per_sheet: int = 1) -> int:
    """How many sheets of paper a job takes with `per_sheet` pages on each sheet."""
    pages = parse_pages(pages_field, page_count)
    return -(-len(pages) // per_sheet)
