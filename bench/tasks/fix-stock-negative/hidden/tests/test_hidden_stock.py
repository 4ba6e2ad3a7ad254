import pytest

from stockroom.stock import InsufficientStock, Stock


def test_failed_remove_changes_nothing() -> None:
    stock = Stock()
    stock.add("CUP", 3)
    with pytest.raises(InsufficientStock):
        stock.remove("CUP", 4)
    assert stock.units("CUP") == 3


def test_remove_everything() -> None:
    stock = Stock()
    stock.add("CUP", 3)
    stock.remove("CUP", 3)
    assert stock.units("CUP") == 0


def test_unknown_sku() -> None:
    stock = Stock()
    with pytest.raises(InsufficientStock):
        stock.remove("NOPE", 1)
    assert stock.units("NOPE") == 0


def test_non_positive_units_still_rejected() -> None:
    stock = Stock()
    stock.add("CUP", 3)
    with pytest.raises(ValueError):
        stock.remove("CUP", 0)
