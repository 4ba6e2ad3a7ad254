from datetime import date

import pytest

from roomplan.conflicts import find_conflicts
from roomplan.spans import parse_span


def test_spaces_ignored() -> None:
    assert parse_span("  2024-12-31..2025-01-02 ") == (date(2024, 12, 31), date(2025, 1, 2))


@pytest.mark.parametrize("text", ["", "2024-03-01..", "..2024-03-01", "2024-03-01..2024-03-02..2024-03-03", "March 1", "2024-02-30"])
def test_bad_spans(text: str) -> None:
    with pytest.raises(ValueError):
        parse_span(text)


def test_no_bookings_and_touching_days() -> None:
    assert find_conflicts([]) == []
    assert find_conflicts(["2024-03-01..2024-03-02", "2024-03-03"]) == []


def test_many_conflicts_sorted() -> None:
    bookings = ["2024-03-01..2024-03-10", "2024-03-05", "2024-03-10..2024-03-11", "2024-03-11"]
    assert find_conflicts(bookings) == [(0, 1), (0, 2), (2, 3)]
