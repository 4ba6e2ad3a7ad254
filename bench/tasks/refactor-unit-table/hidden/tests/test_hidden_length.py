import ast
from pathlib import Path

import pytest

from measures import length


@pytest.mark.parametrize(
    ("value", "unit", "meters"),
    [(1500, "mm", 1.5), (250, "cm", 2.5), (3, "m", 3), (0.25, "km", 250), (10, "in", 0.254), (10, "ft", 3.048)],
)
def test_to_and_from(value: float, unit: str, meters: float) -> None:
    assert length.to_meters(value, unit) == pytest.approx(meters)
    assert length.from_meters(meters, unit) == pytest.approx(value)


@pytest.mark.parametrize("call", [lambda: length.to_meters(1, "mi"), lambda: length.from_meters(1, "MM")])
def test_unknown(call) -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        call()


def test_table_values() -> None:
    assert length.METERS_PER_UNIT == pytest.approx({"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254, "ft": 0.3048})


def test_functions_use_the_table() -> None:
    tree = ast.parse(Path(length.__file__).read_text())
    compared = [node for node in ast.walk(tree) if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in length.METERS_PER_UNIT for c in node.comparators)]
    assert compared == []
