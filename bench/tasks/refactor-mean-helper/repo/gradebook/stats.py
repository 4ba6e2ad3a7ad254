"""Averages shown on the class dashboard."""

from __future__ import annotations


def class_average(scores: list[float]) -> float:
    """Average of all scores; 0.0 when there are none."""
    total = 0.0
    count = 0
    for score in scores:
        total += score
        count += 1
    if count == 0:
        return 0.0
    return total / count


def student_average(grades: dict[str, list[float]], student: str) -> float:
    """Average of one student's grades; 0.0 for an unknown student or one without grades."""
    total = 0.0
    count = 0
    for grade in grades.get(student, []):
        total += grade
        count += 1
    if count == 0:
        return 0.0
    return total / count


def best_average(grades: dict[str, list[float]]) -> float:
    """The highest student average; 0.0 for an empty grade book."""
    best = 0.0
    for student in grades:
        total = 0.0
        count = 0
        for grade in grades[student]:
            total += grade
            count += 1
        average = total / count if count else 0.0
        best = max(best, average)
    return best
