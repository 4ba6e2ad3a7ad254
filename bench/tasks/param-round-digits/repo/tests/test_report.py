from gradebook.report import grade_line
from gradebook.scores import mean_score


def test_default_one_decimal() -> None:
    assert grade_line("Ana", [1, 2, 2]) == "Ana: 1.7"


def test_more_digits() -> None:
    assert mean_score([1, 2, 2], digits=3) == 1.667
    assert grade_line("Ana", [1, 2, 2], digits=2) == "Ana: 1.67"
