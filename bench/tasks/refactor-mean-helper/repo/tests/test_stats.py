import ast
from pathlib import Path

from gradebook import stats


def test_behaviour() -> None:
    assert stats.class_average([2, 4, 9]) == 5.0
    assert stats.student_average({"ann": [10, 20]}, "ann") == 15.0
    assert stats.best_average({"ann": [10, 20], "bob": [18]}) == 18.0


def test_mean_helper() -> None:
    assert stats.mean([1, 2]) == 1.5
    assert stats.mean([]) == 0.0
    tree = ast.parse(Path(stats.__file__).read_text())
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and function.name != "mean":
            assert not any(isinstance(node, ast.AugAssign) for node in ast.walk(function)), function.name
