from datetime import date

import pytest

from timetable.planner import nth_weekday


@pytest.mark.parametrize(("args", "day"), [
    ((2024, 11, 3, 4), date(2024, 11, 28)),
    ((2024, 2, 3, -1), date(2024, 2, 29)),
    ((2023, 2, 1, -1), date(2023, 2, 28)),
    ((2024, 9, 6, -2), date(2024, 9, 22)),
    ((2024, 6, 5, 1), date(2024, 6, 1)),
    ((2024, 6, 6, -5), date(2024, 6, 2)),
    ((2024, 3, 6, -1), date(2024, 3, 31)),
])
def test_dates(args: tuple, day: date) -> None:
    assert nth_weekday(*args) == day


@pytest.mark.parametrize("args", [(2024, 2, 0, 5), (2024, 2, 0, -5), (2024, 5, 0, 0), (2024, 5, 7, 1)])
def test_impossible(args: tuple) -> None:
    with pytest.raises(ValueError):
        nth_weekday(*args)
