"""Note titles."""

from __future__ import annotations

from notesapp.clean import cln

MAX_TITLE = 40


def make_title(first_line: str) -> str:
    """A note's title: its first line cleaned, cut at MAX_TITLE characters with "..." added."""
    title = cln(first_line)
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 3].rstrip() + "..."
    return title or "Untitled"
