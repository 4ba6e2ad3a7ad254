from stockroom.inventory import plan_picks


def test_docstring_example() -> None:
    assert plan_picks({"A1": 5}, {"A1": {"B-01-01": 2, "C-02-02": 4}}) == [("A1", "C-02-02", 4), ("A1", "B-01-01", 1)]


def test_one_location_is_enough() -> None:
    assert plan_picks({"X9": 3}, {"X9": {"A-01-01": 1, "A-01-02": 30}}) == [("X9", "A-01-02", 3)]
