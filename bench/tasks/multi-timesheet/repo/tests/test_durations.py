import pytest

from timesheet.durations import parse_hhmm


def test_parse() -> None:
    assert parse_hhmm("1:30") == 90
    assert parse_hhmm("0:05") == 5


def test_bad_minutes() -> None:
    with pytest.raises(ValueError):
        parse_hhmm("1:75")
