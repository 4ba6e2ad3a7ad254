import pytest

from printdialog.pages import parse_pages


@pytest.mark.parametrize(("text", "pages"), [
    ("  ", [1, 2, 3]),
    ("3,1,3", [1, 3]),
    ("2-2", [2]),
    (" 1 - 2 ,3- ", [1, 2, 3]),
    ("3-", [3]),
    ("1-3,2-3", [1, 2, 3]),
])
def test_fields(text: str, pages: list[int]) -> None:
    assert parse_pages(text, 3) == pages


@pytest.mark.parametrize("text", ["0", "4", "3-2", "a", "1,,2", "-2", "1-2-3", "2-4", "1.5"])
def test_bad_fields(text: str) -> None:
    with pytest.raises(ValueError):
        parse_pages(text, 3)
