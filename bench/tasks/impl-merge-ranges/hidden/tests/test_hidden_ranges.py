from datetime import date

import pytest

from bookings.ranges import merge_ranges


def d(day: int, month: int = 5) -> date:
    return date(2024, month, day)


def test_empty() -> None:
    assert merge_ranges([]) == []


def test_touching_ranges_merge() -> None:
    assert merge_ranges([(d(1), d(3)), (d(4), d(6))]) == [(d(1), d(6))]


def test_one_free_day_keeps_them_apart() -> None:
    assert merge_ranges([(d(1), d(3)), (d(5), d(6))]) == [(d(1), d(3)), (d(5), d(6))]


def test_contained_range() -> None:
    assert merge_ranges([(d(1), d(20)), (d(5), d(6))]) == [(d(1), d(20))]


def test_single_days_and_month_boundary() -> None:
    assert merge_ranges([(d(1, 6), d(1, 6)), (d(31), d(31)), (d(29), d(29))]) == [(d(29), d(29)), (d(31), d(1, 6))]


def test_chain_of_three() -> None:
    assert merge_ranges([(d(7), d(9)), (d(1), d(3)), (d(4), d(6))]) == [(d(1), d(9))]


def test_input_not_modified() -> None:
    ranges = [(d(5), d(6)), (d(1), d(2))]
    merge_ranges(ranges)
    assert ranges == [(d(5), d(6)), (d(1), d(2))]


def test_reversed_range() -> None:
    with pytest.raises(ValueError):
        merge_ranges([(d(5), d(4))])
