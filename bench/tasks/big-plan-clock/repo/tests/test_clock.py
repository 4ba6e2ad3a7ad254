from timetable.planner import format_clock, parse_clock


def test_noon_hour() -> None:
    assert format_clock(parse_clock("12:30 pm")) == "12:30"


def test_midnight() -> None:
    assert parse_clock("12am") == 0
