"""Where each page is written."""

from __future__ import annotations

from docsite.slug import slugify


def page_path(section: str, title: str, separator: str = "-") -> str:
    """The page's path relative to the site root: "<section slug>/<title slug>.html"."""
    return f"{slugify(section, separator=separator)}/{slugify(title, separator=separator)}.html"
