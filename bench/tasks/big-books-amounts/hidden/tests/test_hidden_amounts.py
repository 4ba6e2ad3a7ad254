import pytest

from ledgerkit.books import parse_amount


@pytest.mark.parametrize(("text", "cents"), [
    ("(12.00)", -1200), ("-$3", -300), ("€0.07", 7), ("£1,000,000", 100000000), (" ( 4.1 ) ", -410),
    ("0.5", 50), ("7", 700), ("12.34", 1234), ("$0.9", 90), ("1234.5", 123450),
])
def test_amounts(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1,23", "12.345", "(-3)", "1.", "$", "12,34.5", "--1"])
def test_not_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)
