from stocktake.counts import merge_counts, read_scans
from stocktake.report import differences, shop_count


def test_read_scans() -> None:
    assert read_scans(["400123", "400123 x3", "", "500001"]) == {"400123": 4, "500001": 1}


def test_shop_count_has_every_item() -> None:
    front = {"400123": 2}
    back = {"400123": 1, "500001": 6}
    assert shop_count([front, back]) == {"400123": 3, "500001": 6}


def test_differences() -> None:
    assert differences({"a": 2, "b": 1}, {"a": 2, "c": 4}) == {"b": 1, "c": -4}
