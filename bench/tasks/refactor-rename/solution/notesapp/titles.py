"""Note titles."""

from __future__ import annotations

from notesapp.clean import normalize_whitespace

MAX_TITLE = 40


def make_title(first_line: str) -> str:
    """A note's title: its first line cleaned, cut at MAX_TITLE characters with "..." added."""
    title = normalize_whitespace(first_line)
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 3].rstrip() + "..."
    return title or "Untitled"
