from datetime import date

from ledger.entries import Entry, parse_entry


def test_plain_line() -> None:
    assert parse_entry("2024-01-05,Bakery,-4.20\n") == Entry(date(2024, 1, 5), "Bakery", -4.2)


def test_quoted_description_with_comma() -> None:
    line = '2024-01-06,"Smith, J. rent",-650.00\n'
    assert parse_entry(line) == Entry(date(2024, 1, 6), "Smith, J. rent", -650.0)
