import ast
from pathlib import Path

import pytest

from measures import length

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("unit", "metres"), [("mm", 0.001), ("cm", 0.01), ("m", 1.0), ("km", 1000.0), ("in", 0.0254), ("ft", 0.3048), ("yd", 0.9144)])
def test_every_unit(unit: str, metres: float) -> None:
    assert length.to_metres(3, unit) == pytest.approx(3 * metres)
    assert length.METRES_PER_UNIT[unit] == metres


@pytest.mark.parametrize("unit", ["", "M", "miles"])
def test_unknown_units(unit: str) -> None:
    with pytest.raises(ValueError):
        length.to_metres(1, unit)


def test_no_if_chain() -> None:
    tree = ast.parse((ROOT / "measures" / "length.py").read_text())
    compares = [node for node in ast.walk(tree) if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in ("mm", "km", "yd") for c in node.comparators)]
    assert compares == []
    assert sum(isinstance(node, ast.If) for node in ast.walk(tree)) <= 1
