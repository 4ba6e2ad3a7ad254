import ast
from pathlib import Path

from gradebook import stats


def test_empty_cases() -> None:
    assert stats.class_average([]) == 0.0
    assert stats.student_average({}, "nobody") == 0.0
    assert stats.student_average({"ann": []}, "ann") == 0.0
    assert stats.best_average({}) == 0.0
    assert stats.best_average({"ann": []}) == 0.0


def test_mean_of_any_iterable() -> None:
    assert stats.mean(x for x in (1, 2, 3, 4)) == 2.5
    assert stats.mean((7,)) == 7.0


def test_values() -> None:
    assert stats.class_average([1.5, 2.5]) == 2.0
    assert stats.best_average({"a": [1, 1], "b": [3], "c": [2, 2]}) == 3.0


def test_callers_use_mean() -> None:
    tree = ast.parse(Path(stats.__file__).read_text())
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and function.name in {"class_average", "student_average", "best_average"}:
            calls = {node.func.id for node in ast.walk(function) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
            assert "mean" in calls, function.name
            assert not any(isinstance(node, ast.For) for node in ast.walk(function)), function.name
