"""URL slugs for page titles."""

from __future__ import annotations

import re

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """Turn a page title into a URL slug (see the rules in the task's docstring)."""
    return _NOT_SLUG.sub("-", title.lower()).strip("-")
