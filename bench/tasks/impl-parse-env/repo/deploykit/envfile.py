"""Reading `.env` files."""

from __future__ import annotations


def parse_env(text: str) -> dict[str, str]:
    """Parse the contents of a .env file into a dict.

    - Blank lines and lines whose first non-space character is "#" are skipped.
    - Other lines are KEY=VALUE; an optional leading "export " is ignored.
    - Spaces around KEY and around VALUE are stripped.
    - Only the first "=" separates key and value (the value may contain "=").
    - A VALUE wrapped in matching single or double quotes loses the quotes; what is inside
      the quotes is kept as is, spaces included.
    - A later line wins over an earlier one with the same key.
    - A line without "=" or with an empty key raises ValueError whose message contains
      "line N" (N = 1-based line number).
    """
    raise NotImplementedError
