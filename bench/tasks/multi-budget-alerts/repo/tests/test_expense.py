from datetime import date

from household.expense import parse_expense


def test_parse() -> None:
    assert parse_expense("2024-03-05; Food ;12,50") == (date(2024, 3, 5), "food", 12.5)
