from datetime import date

from timetable.planner import monthly_dates, nth_weekday


def test_last_monday_of_may() -> None:
    assert nth_weekday(2024, 5, 0, -1) == date(2024, 5, 27)


def test_last_fridays() -> None:
    assert monthly_dates(date(2024, 1, 10), 3, 4, -1) == [date(2024, 1, 26), date(2024, 2, 23), date(2024, 3, 29)]
