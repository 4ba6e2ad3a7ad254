from timetable.planner import free_slots


def test_docstring_example() -> None:
    assert free_slots([(600, 660), (540, 610)], 480, 1020, min_minutes=30) == [(480, 540), (660, 1020)]


def test_no_busy_time() -> None:
    assert free_slots([], 480, 600) == [(480, 600)]
