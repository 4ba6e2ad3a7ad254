import pytest

from timetable.planner import free_slots


def test_busy_outside_the_day_is_ignored() -> None:
    assert free_slots([(0, 500), (1000, 1440), (1100, 1200)], 480, 1020) == [(500, 1000)]


def test_short_gaps_dropped() -> None:
    busy = [(500, 510), (520, 600), (615, 700)]
    assert free_slots(busy, 480, 720, min_minutes=15) == [(480, 500), (600, 615), (700, 720)]
    assert free_slots(busy, 480, 720, min_minutes=16) == [(480, 500), (700, 720)]


def test_fully_busy_and_empty_day() -> None:
    assert free_slots([(400, 800)], 480, 720) == []
    assert free_slots([], 600, 600) == []


def test_errors() -> None:
    with pytest.raises(ValueError):
        free_slots([], 700, 600)
    with pytest.raises(ValueError):
        free_slots([(650, 640)], 480, 720)
