from datetime import date, timedelta

from ledgerkit.books import aging_report

TODAY = date(2024, 3, 1)


def late(days: int, cents: int, number: str = "x") -> tuple[str, date, int]:
    return (number, TODAY - timedelta(days=days), cents)


def test_every_boundary() -> None:
    invoices = [late(-5, 1), late(0, 2), late(1, 4), late(30, 8), late(31, 16), late(60, 32), late(61, 64), late(90, 128), late(91, 256)]
    assert aging_report(invoices, TODAY) == {"current": 3, "1-30": 12, "31-60": 48, "61-90": 192, "90+": 256}


def test_empty_and_paid() -> None:
    report = aging_report([late(10, 0)], TODAY)
    assert list(report) == ["current", "1-30", "31-60", "61-90", "90+"]
    assert set(report.values()) == {0}


def test_leap_day() -> None:
    assert aging_report([late(29, 5)], TODAY)["1-30"] == 5
    assert aging_report([("y", date(2024, 1, 31), 7)], TODAY)["1-30"] == 7
