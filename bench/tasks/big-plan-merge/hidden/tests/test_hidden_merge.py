import pytest

from timetable.planner import merge_intervals


def test_touching_intervals_merge() -> None:
    assert merge_intervals([(600, 660), (540, 600)]) == [(540, 660)]


def test_contained_and_empty() -> None:
    assert merge_intervals([(100, 500), (200, 300), (50, 50), (600, 600)]) == [(100, 500)]
    assert merge_intervals([]) == []


def test_generator_and_unsorted() -> None:
    assert merge_intervals(iter([(30, 40), (10, 20), (20, 25), (41, 42)])) == [(10, 25), (30, 40), (41, 42)]


def test_backwards_interval() -> None:
    with pytest.raises(ValueError):
        merge_intervals([(10, 20), (30, 29)])
