from invoicer.money import format_amount
from invoicer.summary import summary_line


def test_default_is_euro() -> None:
    assert summary_line("ACME", 12.5) == "ACME: 12.50 EUR"


def test_other_currency() -> None:
    assert summary_line("ACME", 10, currency="USD") == "ACME: 10.00 USD"
    assert format_amount(3, currency="GBP") == "3.00 GBP"
