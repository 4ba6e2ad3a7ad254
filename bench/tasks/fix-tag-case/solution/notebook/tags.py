"""Tags as users type them."""

from __future__ import annotations


def clean_tag(raw: str) -> str:
    """The canonical form of a tag: surrounding spaces and a leading "#" removed, inner runs of
    spaces turned into one "-", lower-cased. "  #Road Trip " -> "road-trip"."""
    tag = raw.strip()
    if tag.startswith("#"):
        tag = tag[1:]
    return "-".join(tag.split()).lower()


def split_tags(text: str) -> list[str]:
    """Tags from a comma-separated field, cleaned, without empty ones, in order."""
    return [tag for tag in (clean_tag(part) for part in text.split(",")) if tag]
