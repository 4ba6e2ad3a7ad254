import pytest

from stockroom.inventory import plan_picks


def test_ties_take_the_first_code() -> None:
    assert plan_picks({"S": 6}, {"S": {"B-02-02": 4, "A-09-09": 4}}) == [("S", "A-09-09", 4), ("S", "B-02-02", 2)]


def test_several_skus_in_order_and_empty_places_skipped() -> None:
    stock = {"P": {"A-01-01": 0, "A-01-02": 5}, "Q": {"C-01-01": 2, "D-01-01": 2, "E-01-01": 9}}
    assert plan_picks({"Q": 10, "P": 5, "R": 0}, stock) == [
        ("Q", "E-01-01", 9),
        ("Q", "C-01-01", 1),
        ("P", "A-01-02", 5),
    ]


def test_short_stock() -> None:
    with pytest.raises(ValueError, match="Q"):
        plan_picks({"P": 1, "Q": 3}, {"P": {"A-01-01": 1}, "Q": {"A-01-02": 2}})
    with pytest.raises(ValueError, match="Z"):
        plan_picks({"Z": 1}, {})
