from datetime import date

from weekly.report import best_week
from weekly.weeks import week_key, week_label


def test_keys_near_new_year() -> None:
    assert week_key(date(2024, 12, 30)) == (2025, 1)
    assert week_key(date(2021, 1, 3)) == (2020, 53)
    assert week_key(date(2021, 1, 4)) == (2021, 1)
    assert week_key(date(2026, 1, 1)) == (2026, 1)
    assert week_key(date(2027, 1, 1)) == (2026, 53)


def test_best_week_tie_takes_earliest() -> None:
    assert best_week([(date(2024, 12, 31), 10), (date(2024, 12, 20), 10)]) == "2024-W51"
    assert best_week([]) is None
    assert week_label((2025, 1)) == "2025-W01"
