"""URL slugs."""

from __future__ import annotations

import re


def slugify(text: str) -> str:
    """Lower-case ASCII letters and digits; every other run of characters becomes "-"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
