from timetable.planner import busy_minutes, merge_intervals


def test_docstring_example() -> None:
    assert merge_intervals([(600, 660), (540, 610), (700, 720)]) == [(540, 660), (700, 720)]


def test_busy_minutes() -> None:
    assert busy_minutes([(0, 30), (15, 45)]) == 45
