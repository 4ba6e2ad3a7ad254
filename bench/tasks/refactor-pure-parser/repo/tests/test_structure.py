from datetime import date

from meterlog import readings


def test_parse_without_a_file() -> None:
    assert readings.parse_readings("2024-01-01;1.5\n") == [(date(2024, 1, 1), 1.5)]
