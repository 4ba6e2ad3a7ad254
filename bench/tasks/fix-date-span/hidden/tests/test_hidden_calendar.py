from datetime import date

from leavetrack.calendar import days_in_span, working_days


def test_single_day() -> None:
    assert days_in_span(date(2024, 2, 29), date(2024, 2, 29)) == [date(2024, 2, 29)]


def test_reversed_span() -> None:
    assert days_in_span(date(2024, 3, 2), date(2024, 3, 1)) == []


def test_across_month_end() -> None:
    assert days_in_span(date(2024, 2, 28), date(2024, 3, 1)) == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]


def test_weekend_only() -> None:
    assert working_days(date(2024, 3, 9), date(2024, 3, 10)) == 0


def test_two_weeks() -> None:
    assert working_days(date(2024, 3, 4), date(2024, 3, 17)) == 10


def test_friday_to_monday() -> None:
    assert working_days(date(2024, 3, 8), date(2024, 3, 11)) == 2
