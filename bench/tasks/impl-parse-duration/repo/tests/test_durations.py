import pytest

from shiftplan.durations import format_duration, parse_duration


def test_hours_and_minutes() -> None:
    assert parse_duration("1h30m") == 5400


def test_seconds_only() -> None:
    assert parse_duration("45s") == 45


def test_unknown_unit_is_an_error() -> None:
    with pytest.raises(ValueError):
        parse_duration("5x")


def test_format() -> None:
    assert format_duration(5400) == "1h30m"
