"""Pagination arithmetic."""

from __future__ import annotations


def page_count(total_items: int, per_page: int) -> int:
    """Pages needed to show `total_items` items, `per_page` per page (0 items -> 0 pages)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    return (total_items + per_page - 1) // per_page


def page_slice(page: int, per_page: int) -> slice:
    """The slice of the item list shown on 1-based `page`."""
    start = (page - 1) * per_page
    return slice(start, start + per_page)
