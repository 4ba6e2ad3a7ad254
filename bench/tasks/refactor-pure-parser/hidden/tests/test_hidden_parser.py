import ast
from datetime import date
from pathlib import Path

from meterlog import readings

ROOT = Path(__file__).resolve().parents[1]


def test_parse_rules() -> None:
    assert readings.parse_readings("") == []
    assert readings.parse_readings("  # x\n2024-02-01;3\n2024-01-31;2.25\n") == [(date(2024, 1, 31), 2.25), (date(2024, 2, 1), 3.0)]


def test_load_is_a_thin_wrapper(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("2024-03-01;7\n", encoding="utf-8")
    assert readings.load_readings(path) == [(date(2024, 3, 1), 7.0)]
    tree = ast.parse((ROOT / "meterlog" / "readings.py").read_text())
    load = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "load_readings")
    calls = {node.func.id for node in ast.walk(load) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert "parse_readings" in calls
    assert not any(isinstance(node, (ast.For, ast.While)) for node in ast.walk(load))
