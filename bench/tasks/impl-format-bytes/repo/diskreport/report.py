"""One line per volume."""

from __future__ import annotations

from diskreport.sizes import format_bytes


def usage_line(volume: str, used: int, total: int) -> str:
    return f"{volume}: {format_bytes(used)} of {format_bytes(total)}"
