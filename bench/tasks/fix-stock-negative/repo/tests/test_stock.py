import pytest

from stockroom.stock import InsufficientStock, Stock


def test_add_then_remove() -> None:
    stock = Stock()
    stock.add("MUG-1", 5)
    stock.remove("MUG-1", 2)
    assert stock.units("MUG-1") == 3


def test_cannot_remove_more_than_on_hand() -> None:
    stock = Stock()
    stock.add("MUG-1", 1)
    with pytest.raises(InsufficientStock):
        stock.remove("MUG-1", 2)
