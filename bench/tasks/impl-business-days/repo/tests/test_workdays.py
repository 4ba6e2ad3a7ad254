from datetime import date

from deadlines.sla import response_due
from deadlines.workdays import add_business_days


def test_friday_plus_one() -> None:
    assert add_business_days(date(2024, 5, 3), 1) == date(2024, 5, 6)


def test_normal_ticket_over_a_holiday() -> None:
    assert response_due(date(2024, 5, 6), "normal", frozenset({date(2024, 5, 9)})) == date(2024, 5, 14)
