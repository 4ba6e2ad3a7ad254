"""Order lines for bread, cakes and catering trays."""

from __future__ import annotations


def bread_line(name: str, quantity: int) -> str:
    """"<quantity> x <name>"; quantity must be a whole number from 1 to 50."""
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 50:
        raise ValueError(f"quantity must be 1 to 50, got {quantity!r}")
    return f"{quantity} x {name}"


def cake_line(name: str, quantity: int, message: str = "") -> str:
    """Like bread_line, with an optional message piped on the cake."""
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 50:
        raise ValueError(f"quantity must be 1 to 50, got {quantity!r}")
    line = f"{quantity} x {name}"
    return f"{line} ('{message}')" if message else line


def tray_line(size: str, quantity: int) -> str:
    """A catering tray ("S", "M" or "L")."""
    if size not in ("S", "M", "L"):
        raise ValueError(f"unknown tray size {size!r}")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 50:
        raise ValueError(f"quantity must be 1 to 50, got {quantity!r}")
    return f"{quantity} x tray {size}"
