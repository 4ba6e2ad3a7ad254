from printdialog.job import sheets
from printdialog.pages import parse_pages


def test_mixed_field() -> None:
    assert parse_pages("1-3, 5, 8-", 9) == [1, 2, 3, 5, 8, 9]


def test_sheets_for_everything() -> None:
    assert sheets("", 5, per_sheet=2) == 3
