import inspect

from gradebook.report import grade_line
from gradebook.scores import mean_score


def test_defaults_unchanged() -> None:
    assert mean_score([]) == 0.0
    assert mean_score([2, 3]) == 2.5
    assert grade_line("Bo", [3.33, 3.34]) == "Bo: 3.3"


def test_digits() -> None:
    assert mean_score([1, 1, 2], digits=0) == 1.0
    assert grade_line("Bo", [1, 1, 2], 4) == "Bo: 1.3333"
    assert mean_score([], digits=3) == 0.0


def test_signatures() -> None:
    assert inspect.signature(mean_score).parameters["digits"].default == 1
    assert inspect.signature(grade_line).parameters["digits"].default == 1
