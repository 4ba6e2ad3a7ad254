import pytest

from stockcsv.parse import parse_inventory
from stockcsv.value import stock_value, value_by_sku


def test_blank_lines_and_header_spaces() -> None:
    assert parse_inventory("  sku,quantity,unit_price \n\nA,1,2\n\n") == [("A", 1, 2.0)]


def test_types() -> None:
    sku, quantity, price = parse_inventory("sku,quantity,unit_price\nA,3,1\n")[0]
    assert isinstance(quantity, int) and isinstance(price, float)


@pytest.mark.parametrize("text", ["", "sku,qty,price\nA,1,2\n", "quantity,sku,unit_price\n"])
def test_bad_header(text: str) -> None:
    with pytest.raises(ValueError):
        parse_inventory(text)


def test_header_only() -> None:
    assert parse_inventory("sku,quantity,unit_price\n") == []
    assert stock_value("sku,quantity,unit_price\n") == 0.0
    assert value_by_sku("sku,quantity,unit_price\n") == {}


def test_values() -> None:
    text = "sku,quantity,unit_price\nA,3,0.1\nB,1,19.999\nA,7,0.1\n"
    assert stock_value(text) == 21.0
    assert value_by_sku(text) == {"A": 1.0, "B": 20.0}
