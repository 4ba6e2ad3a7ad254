"""Totals of numeric CSV columns."""

from __future__ import annotations


def column_totals(rows: list[dict[str, str]], columns: list[str]) -> dict[str, float]:
    """Sum the given columns over CSV rows (as csv.DictReader yields them).

    Values are strings and may have spaces around the number. An empty value (after
    stripping) or a missing key counts as 0. A value that is not a number raises ValueError.
    The result has one float per requested column, in the order given.

    >>> column_totals([{"net": "10.5", "vat": "2.1"}, {"net": " 4 ", "vat": ""}], ["net", "vat"])
    {'net': 14.5, 'vat': 2.1}
    """
    raise NotImplementedError
