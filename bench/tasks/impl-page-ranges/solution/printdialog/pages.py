"""The "Pages" field of the print dialog."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)(?:(-)(\d*))?")


def parse_pages(text: str, page_count: int) -> list[int]:
    """The sorted, distinct pages selected by a field such as "1-3, 5, 8-"; "" means every page."""
    text = text.replace(" ", "")
    if not text:
        return list(range(1, page_count + 1))
    pages: set[int] = set()
    for part in text.split(","):
        match = _PART.fullmatch(part)
        if match is None:
            raise ValueError(f"not a page or range: {part!r}")
        start = int(match.group(1))
        end = start if not match.group(2) else int(match.group(3) or page_count)
        if not 1 <= start <= end <= page_count:
            raise ValueError(f"pages out of range: {part!r}")
        pages.update(range(start, end + 1))
    return sorted(pages)
