"""Build the report from a CSV export."""

from __future__ import annotations

import csv
import io

from salesreport.totals import column_totals


def monthly_totals(csv_text: str) -> dict[str, float]:
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    return column_totals(rows, ["net", "vat", "shipping"])
