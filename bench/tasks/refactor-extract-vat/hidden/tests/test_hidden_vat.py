import ast
from pathlib import Path

import pytest

from billing.lines import line_total
from billing.tax import with_vat
from billing.totals import invoice_total, shipping_total

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("price", "qty", "total"), [(0.1, 3, 0.36), (19.99, 1, 23.99), (0.0, 5, 0.0), (3.333, 3, 12.0)])
def test_line_totals(price: float, qty: int, total: float) -> None:
    assert line_total(price, qty) == total


def test_invoice_and_shipping() -> None:
    assert invoice_total([]) == 0.0
    assert invoice_total([(1.01, 7), (0.5, 1)]) == 9.08
    assert shipping_total(0.01) == 0.01
    assert with_vat(9.99) == 11.99


@pytest.mark.parametrize("name", ["lines.py", "totals.py"])
def test_modules_use_with_vat(name: str) -> None:
    tree = ast.parse((ROOT / "billing" / name).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "billing.tax" for alias in node.names}
    assert "with_vat" in imported
    constants = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, float)]
    assert 1.2 not in constants and 0.2 not in constants
