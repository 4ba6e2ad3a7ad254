from datetime import date

from deadlines.workdays import add_business_days


def test_zero_days() -> None:
    assert add_business_days(date(2024, 5, 4), 0) == date(2024, 5, 4)


def test_weekend_start() -> None:
    assert add_business_days(date(2024, 5, 4), 1) == date(2024, 5, 6)
    assert add_business_days(date(2024, 5, 5), 5) == date(2024, 5, 10)


def test_backwards() -> None:
    assert add_business_days(date(2024, 5, 6), -1) == date(2024, 5, 3)
    assert add_business_days(date(2024, 5, 5), -2) == date(2024, 5, 2)


def test_holidays_and_long_spans() -> None:
    holidays = {date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)}
    assert add_business_days(date(2024, 12, 23), 3, holidays) == date(2024, 12, 30)
    assert add_business_days(date(2024, 1, 1), 260) == date(2024, 12, 30)
    assert add_business_days(date(2024, 12, 30), -1, holidays) == date(2024, 12, 27)
