"""Reading text files."""

from __future__ import annotations

from pathlib import Path


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file, without line endings."""
    return path.read_text(encoding="utf-8").splitlines()
