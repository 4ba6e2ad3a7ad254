import inspect

from warehouse.queries import low_stock
from warehouse.report import restock_report


def test_low_stock_threshold() -> None:
    assert low_stock({"A": 1, "B": 9, "C": 10}, threshold=10) == ["A", "B"]
    assert low_stock({"A": 4, "B": 5}) == ["A"]


def test_zero_threshold_means_nothing() -> None:
    assert restock_report({"A": 0}, threshold=0) == "nothing to reorder"


def test_positional_threshold() -> None:
    assert restock_report({"A": 5, "B": 6}, 6) == "reorder A (5 left)"


def test_defaults() -> None:
    assert inspect.signature(low_stock).parameters["threshold"].default == 5
    assert inspect.signature(restock_report).parameters["threshold"].default == 5
