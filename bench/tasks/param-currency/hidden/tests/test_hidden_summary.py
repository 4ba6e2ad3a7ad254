import inspect

from invoicer.money import format_amount
from invoicer.summary import summary_line


def test_defaults_unchanged() -> None:
    assert format_amount(0.5) == "0.50 EUR"
    assert summary_line("Bo", 1234.567) == "Bo: 1234.57 EUR"


def test_currency_passes_through() -> None:
    assert summary_line("Bo", 7, currency="CHF") == "Bo: 7.00 CHF"
    assert summary_line("Bo", 7, "JPY") == "Bo: 7.00 JPY"


def test_signatures() -> None:
    assert inspect.signature(format_amount).parameters["currency"].default == "EUR"
    assert inspect.signature(summary_line).parameters["currency"].default == "EUR"
