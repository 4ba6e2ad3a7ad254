"""Reading text files."""

from __future__ import annotations

from pathlib import Path


def read_lines(path: Path, encoding: str = "utf-8") -> list[str]:
    """The lines of a text file in `encoding`, without line endings."""
    return path.read_text(encoding=encoding).splitlines()
