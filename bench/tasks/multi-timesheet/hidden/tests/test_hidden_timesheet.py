import pytest

from timesheet.durations import parse_hhmm
from timesheet.report import total_hours


@pytest.mark.parametrize(("text", "minutes"), [("12:00", 720), (" 2:59 ", 179), ("0:00", 0), ("100:01", 6001)])
def test_parse(text: str, minutes: int) -> None:
    assert parse_hhmm(text) == minutes


@pytest.mark.parametrize("text", ["", "1:5", "1:60", ":30", "1h30", "1:30:00", "a:10", "-1:30"])
def test_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hhmm(text)


def test_totals() -> None:
    assert total_hours([]) == 0.0
    assert total_hours(["0:01"]) == 0.02
    with pytest.raises(ValueError):
        total_hours(["1:00", "oops"])
