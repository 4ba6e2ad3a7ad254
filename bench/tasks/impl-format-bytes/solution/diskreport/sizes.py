"""Human-readable sizes."""

from __future__ import annotations

UNITS = ("KiB", "MiB", "GiB", "TiB")


def format_bytes(size: int) -> str:
    """A size in bytes as people read it, with binary units (see the task's docstring)."""
    if size < 0:
        raise ValueError("size must not be negative")
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    unit = UNITS[0]
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            break
        value /= 1024
    return f"{value:.1f} {unit}"
