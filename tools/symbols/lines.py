"""Line handling that keeps every byte: Python's own line breaks only (\\r\\n, \\r, \\n).

`str.splitlines` also breaks on form feeds and other separators that Python source keeps inside a
line (the stdlib has ^L between sections), so line numbers would drift from `ast`'s.
"""

from __future__ import annotations

import re

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of text, each with its own line ending (the last may have none)."""
    return LINE.findall(text)


def line_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def strip_ending(line: str) -> str:
    return line[: len(line) - len(line_ending(line))]


def dominant_newline(text: str) -> str:
    """The line ending most of the file uses ("\\n" for a file without any)."""
    counts = {"\r\n": text.count("\r\n")}
    counts["\n"] = text.count("\n") - counts["\r\n"]
    counts["\r"] = text.count("\r") - counts["\r\n"]
    best = max(counts, key=lambda ending: counts[ending])
    return best if counts[best] else "\n"


def indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def is_blank(line: str) -> bool:
    return not line.strip()
