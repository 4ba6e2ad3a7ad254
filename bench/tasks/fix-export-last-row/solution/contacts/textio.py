"""Line handling shared by the importers."""

from __future__ import annotations


def logical_lines(text: str) -> list[str]:
    """The lines of `text` without their line endings ("\n" or "\r\n").

    A final line is kept whether or not the text ends with a newline; blank lines are kept as "".
    """
    return text.replace("\r\n", "\n").splitlines()


def strip_bom(text: str) -> str:
    """`text` without a leading UTF-8 byte-order mark."""
    return text[1:] if text.startswith("\ufeff") else text
