from till.dayreport import day_report
from till.money import format_cents
from till.receipt import Receipt


def test_sales_day() -> None:
    first, second = Receipt(), Receipt()
    first.sell("Tea", 1.8, quantity=2)
    second.sell("Cake", 3.25)
    report = day_report([first, second])
    assert report.lines() == ["receipts: 2", "sales: 6.85", "refunds: 0.00", "net: 6.85"]


def test_format_cents() -> None:
    assert format_cents(-5) == "-0.05" and format_cents(123456) == "1234.56"
