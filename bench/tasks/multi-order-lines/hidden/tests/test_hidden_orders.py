import pytest

from orderdesk.lines import parse_order_line
from orderdesk.quantity import parse_quantity
from orderdesk.sku import normalize_sku


@pytest.mark.parametrize(("text", "sku"), [("abc", "ABC"), (" x-1-y-2 ", "X1Y2"), ("A" * 12, "A" * 12)])
def test_skus(text: str, sku: str) -> None:
    assert normalize_sku(text) == sku


@pytest.mark.parametrize("text", ["", "ab", "A" * 13, "ab_12", "ab.12", "äbc"])
def test_bad_skus(text: str) -> None:
    with pytest.raises(ValueError):
        normalize_sku(text)


@pytest.mark.parametrize(("text", "quantity"), [(" 12 ", 12), ("12PCS", 12), ("X7", 7), ("7X", 7), ("100 pcs", 100)])
def test_quantities(text: str, quantity: int) -> None:
    assert parse_quantity(text) == quantity


@pytest.mark.parametrize("text", ["", "-3", "x", "3.5", "three", "x3x", "3 boxes", "00"])
def test_bad_quantities(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)


def test_lines() -> None:
    assert parse_order_line("  zz-9 9 ,x2") == ("ZZ99", 2)
    for bad in ["ab-123 4", "a,b,c", "ab-123, 0"]:
        with pytest.raises(ValueError):
            parse_order_line(bad)
