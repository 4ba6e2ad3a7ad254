from billing.lines import line_total
from billing.totals import invoice_total, shipping_total


def test_line_total() -> None:
    assert line_total(10.0, 3) == 36.0


def test_invoice_total() -> None:
    assert invoice_total([(10.0, 3), (2.5, 2)]) == 42.0


def test_shipping_total() -> None:
    assert shipping_total(4.99) == 5.99
