"""Reading CSV text."""

from __future__ import annotations

import csv
import io


def read_rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    """Rows of a CSV text that starts with a header line, as dicts."""
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
