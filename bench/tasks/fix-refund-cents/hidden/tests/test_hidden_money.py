import pytest

from till.dayreport import day_report
from till.money import parse_price, to_cents
from till.receipt import Receipt


@pytest.mark.parametrize(("amount", "cents"), [(4.2, 420), (-4.2, -420), (-0.29, -29), (0.29, 29), (-19.99, -1999), (-0.01, -1), (0.0, 0), (-1.0, -100), (-12.34, -1234)])
def test_to_cents(amount: float, cents: int) -> None:
    assert to_cents(amount) == cents


def test_mixed_receipt() -> None:
    receipt = Receipt()
    receipt.sell("Bread", 3.1, quantity=3)
    receipt.refund("Jam", 2.3, quantity=2)
    receipt.refund("Milk", 0.99)
    assert receipt.total_cents() == 930 - 460 - 99
    assert receipt.printed()[-1] == "TOTAL: 3.71"


def test_day_report_refunds() -> None:
    receipt = Receipt()
    receipt.sell("Pen", 1.1)
    receipt.refund("Pad", 2.2, quantity=3)
    assert day_report([receipt]).lines()[2:] == ["refunds: -6.60", "net: -5.50"]


def test_parse_negative_price() -> None:
    assert parse_price("-0,07") == -7
