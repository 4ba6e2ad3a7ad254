"""What changed between two versions of a settings dictionary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def diff_settings(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Changes from `old` to `new`, one line per key ("+ k = v", "- k", "~ k: a -> b"), nested dicts as dotted keys."""
    lines: list[str] = []
    for key in sorted(set(old) | set(new)):
        path = f"{prefix}{key}"
        if key not in old:
            lines.append(f"+ {path} = {new[key]!r}")
        elif key not in new:
            lines.append(f"- {path}")
        elif isinstance(old[key], Mapping) and isinstance(new[key], Mapping):
            lines += diff_settings(old[key], new[key], prefix=f"{path}.")
        elif old[key] != new[key]:
            lines.append(f"~ {path}: {old[key]!r} -> {new[key]!r}")
    return lines
