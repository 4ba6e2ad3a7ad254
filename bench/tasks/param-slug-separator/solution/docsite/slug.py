"""URL slugs."""

from __future__ import annotations

import re


def slugify(text: str, separator: str = "-") -> str:
    """Lower-case ASCII letters and digits; every other run of characters becomes `separator`."""
    return separator.join(re.findall(r"[a-z0-9]+", text.lower()))
