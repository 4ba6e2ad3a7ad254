"""Human-readable sizes."""

from __future__ import annotations

UNITS = ("KiB", "MiB", "GiB", "TiB")


def format_bytes(size: int) -> str:
    """A size in bytes as people read it, with binary units.

    Below 1024 the result is "<n> B" with no decimals. Otherwise divide by 1024 until the
    value is below 1024 or the unit is TiB (the largest), and format it with one decimal
    followed by the unit: KiB, MiB, GiB or TiB. A negative size raises ValueError.

    >>> format_bytes(512)
    '512 B'
    >>> format_bytes(1536)
    '1.5 KiB'
    >>> format_bytes(5 * 1024 ** 3)
    '5.0 GiB'
    """
    raise NotImplementedError
