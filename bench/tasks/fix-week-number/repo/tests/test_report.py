from datetime import date

from weekly.report import best_week, sales_by_week
from weekly.weeks import week_days


def test_ordinary_week() -> None:
    sales = [(date(2024, 3, 4), 100), (date(2024, 3, 10), 50), (date(2024, 3, 11), 7)]
    assert sales_by_week(sales) == {"2024-W10": 150, "2024-W11": 7}
    assert best_week(sales) == "2024-W10"


def test_week_across_new_year() -> None:
    sales = [(date(2024, 12, 30), 100), (date(2025, 1, 2), 200), (date(2021, 1, 1), 5)]
    assert sales_by_week(sales) == {"2020-W53": 5, "2025-W01": 300}


def test_week_days() -> None:
    assert week_days((2025, 1))[0] == date(2024, 12, 30)
