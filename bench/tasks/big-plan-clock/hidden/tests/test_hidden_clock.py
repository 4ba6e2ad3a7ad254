import pytest

from timetable.planner import parse_clock


@pytest.mark.parametrize(("text", "minutes"), [
    ("9:05", 545), ("17:30", 1050), ("0:00", 0), ("23:59", 1439), ("9am", 540), ("9 AM", 540),
    ("12:15 PM", 735), ("12pm", 720), ("12:59am", 59), ("7:30pm", 1170), ("11 pm", 1380), ("  1:01Pm ", 781),
])
def test_times(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["", "24:00", "9", "13pm", "0am", "9:60", "9:5", "noon", "9:05 xm"])
def test_not_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)
