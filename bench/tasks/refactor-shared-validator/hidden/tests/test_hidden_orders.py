import ast
from pathlib import Path

import pytest

from bakery import orders

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("quantity", [0, -1, 51, 1.5, "3", None, False])
def test_every_line_rejects(quantity: object) -> None:
    for call in (lambda: orders.bread_line("x", quantity), lambda: orders.cake_line("x", quantity), lambda: orders.tray_line("S", quantity)):
        with pytest.raises(ValueError, match="quantity must be 1 to 50"):
            call()


def test_results_unchanged() -> None:
    assert orders.bread_line("x", 50) == "50 x x"
    assert orders.cake_line("c", 1) == "1 x c"
    with pytest.raises(ValueError, match="tray size"):
        orders.tray_line("XL", 1)


def test_each_function_calls_the_helper() -> None:
    tree = ast.parse((ROOT / "bakery" / "orders.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_line"):
            calls = {c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
            assert "check_quantity" in calls, node.name
            assert not any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "isinstance" for c in ast.walk(node)), node.name
