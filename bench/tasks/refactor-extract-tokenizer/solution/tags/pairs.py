"""Parsing "key=value; key=value" text."""

from __future__ import annotations


def parse_pairs(text: str) -> dict[str, str]:
    """{key: value} from "key=value" parts separated by ";"; keys lower-cased, empty parts skipped."""
    pairs = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"expected key=value: {part!r}")
        pairs[key.strip().lower()] = value.strip()
    return pairs
