from datetime import date

import pytest

from household.alerts import budget_alerts
from household.expense import parse_expense
from household.totals import monthly_totals


def test_parse_forms() -> None:
    assert parse_expense(" 2024-12-31 ;RENT; 800 ") == (date(2024, 12, 31), "rent", 800.0)
    assert parse_expense("2024-01-01;x;0.01") == (date(2024, 1, 1), "x", 0.01)


@pytest.mark.parametrize("line", ["2024-01-01;food", "2024-13-01;food;1", "2024-01-01;food;-3", "2024-01-01;food;0", "2024-01-01;food;abc", "a;b;c;d"])
def test_parse_errors(line: str) -> None:
    with pytest.raises(ValueError):
        parse_expense(line)


def test_totals_sorted_and_rounded() -> None:
    lines = ["2024-02-01;b;0.1", "2024-02-02;b;0.2", "2024-01-31;a;1", "  "]
    totals = monthly_totals(lines)
    assert totals == {("2024-01", "a"): 1.0, ("2024-02", "b"): 0.3}
    assert list(totals) == [("2024-01", "a"), ("2024-02", "b")]


def test_alerts_order_and_edges() -> None:
    lines = ["2024-02-01;food;301", "2024-01-01;food;300", "2024-01-02;toys;999", "2024-02-03;fun;50.5"]
    assert budget_alerts(lines, {"food": 300, "fun": 50}) == ["2024-02 food: 301.00 > 300.00", "2024-02 fun: 50.50 > 50.00"]
    assert budget_alerts([], {"food": 1}) == []
