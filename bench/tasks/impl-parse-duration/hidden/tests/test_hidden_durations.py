import pytest

from shiftplan.durations import parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2h", 7200), ("1h0m5s", 3605), ("90m", 5400), ("0s", 0), ("3m20s", 200), ("10h1s", 36001)],
)
def test_valid(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "h", "1h 30m", "30m1h", "1h1h", "-5m", "1.5h", "1H"])
def test_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
