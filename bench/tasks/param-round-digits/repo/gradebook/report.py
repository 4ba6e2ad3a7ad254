"""Lines of the grade report."""

from __future__ import annotations

from collections.abc import Sequence

from gradebook.scores import mean_score


def grade_line(student: str, scores: Sequence[float]) -> str:
    """"<student>: <mean>" with the mean from mean_score."""
    return f"{student}: {mean_score(scores)}"
