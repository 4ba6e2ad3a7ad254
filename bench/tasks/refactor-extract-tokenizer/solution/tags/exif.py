"""Camera metadata sent as "key=value; key=value" text."""

from __future__ import annotations

from tags.pairs import parse_pairs


def camera_info(text: str) -> dict[str, str]:
    """The camera fields of a metadata string; keys lower-cased, empty parts skipped."""
    pairs = parse_pairs(text)
    return {key: pairs[key] for key in ("make", "model", "lens") if key in pairs}
