"""Averages shown on the class dashboard."""

from __future__ import annotations

from collections.abc import Iterable


def mean(values: Iterable[float]) -> float:
    """Average of the values; 0.0 when there are none."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def class_average(scores: list[float]) -> float:
    """Average of all scores; 0.0 when there are none."""
    return mean(scores)


def student_average(grades: dict[str, list[float]], student: str) -> float:
    """Average of one student's grades; 0.0 for an unknown student or one without grades."""
    return mean(grades.get(student, []))


def best_average(grades: dict[str, list[float]]) -> float:
    """The highest student average; 0.0 for an empty grade book."""
    return max((mean(values) for values in grades.values()), default=0.0)
