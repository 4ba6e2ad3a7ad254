"""The "Pages" field of the print dialog."""

from __future__ import annotations


def parse_pages(text: str, page_count: int) -> list[int]:
    """The pages selected by a field such as "1-3, 5, 8-" in a document of `page_count` pages.

    Comma-separated parts, spaces ignored: a page "5", a range "1-3" (both ends included) or an
    open range "8-" (to the last page). The result is sorted, without duplicates. An empty field
    means every page. A page outside 1..page_count, a range whose start is after its end, or any
    other text raises ValueError.

    >>> parse_pages("1-3, 5, 8-", 9)
    [1, 2, 3, 5, 8, 9]
    """
    raise NotImplementedError
