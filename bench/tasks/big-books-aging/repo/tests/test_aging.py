from datetime import date

from ledgerkit.books import aging_report

TODAY = date(2024, 6, 30)


def test_due_today_is_current() -> None:
    assert aging_report([("1", TODAY, 100)], TODAY)["current"] == 100


def test_thirty_days_late() -> None:
    assert aging_report([("2", date(2024, 5, 31), 250)], TODAY)["1-30"] == 250
