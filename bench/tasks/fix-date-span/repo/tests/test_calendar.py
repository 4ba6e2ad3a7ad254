from datetime import date

from leavetrack.calendar import working_days


def test_a_full_working_week() -> None:
    # 2024-03-04 is a Monday, 2024-03-08 the Friday of that week
    assert working_days(date(2024, 3, 4), date(2024, 3, 8)) == 5
