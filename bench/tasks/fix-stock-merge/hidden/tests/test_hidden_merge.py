from stocktake.counts import merge_counts
from stocktake.report import shop_count


def test_merge_both_sides_sorted() -> None:
    merged = merge_counts({"b": 1, "d": 2}, {"a": 5, "b": 2, "c": 0})
    assert merged == {"a": 5, "b": 3, "c": 0, "d": 2}
    assert list(merged) == ["a", "b", "c", "d"]


def test_merge_empty() -> None:
    assert merge_counts({}, {}) == {}
    assert merge_counts({}, {"x": 1}) == {"x": 1}


def test_three_zones() -> None:
    assert shop_count([{"a": 1}, {"b": 2}, {"a": 3, "c": 1}]) == {"a": 4, "b": 2, "c": 1}
