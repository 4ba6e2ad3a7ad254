"""Teasers on the front page."""

from __future__ import annotations

from pressroom.headlines import headline


def teaser(title: str, body: str, words: int = 12) -> str:
    """The headline, a colon, and the first `words` words of the body with "…" if cut."""
    parts = body.split()
    cut = " ".join(parts[:words]) + ("…" if len(parts) > words else "")
    return f"{headline(title)}: {cut}"
