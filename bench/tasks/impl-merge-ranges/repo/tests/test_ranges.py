from datetime import date

from bookings.ranges import merge_ranges


def d(day: int) -> date:
    return date(2024, 5, day)


def test_overlapping() -> None:
    assert merge_ranges([(d(1), d(4)), (d(3), d(8))]) == [(d(1), d(8))]


def test_separate_ranges_stay_apart() -> None:
    assert merge_ranges([(d(10), d(12)), (d(1), d(2))]) == [(d(1), d(2)), (d(10), d(12))]
