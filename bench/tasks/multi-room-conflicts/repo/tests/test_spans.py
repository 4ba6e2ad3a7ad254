from datetime import date

import pytest

from roomplan.spans import parse_span


def test_span() -> None:
    assert parse_span("2024-03-01..2024-03-05") == (date(2024, 3, 1), date(2024, 3, 5))


def test_single_day() -> None:
    assert parse_span("2024-03-01") == (date(2024, 3, 1), date(2024, 3, 1))


def test_reversed() -> None:
    with pytest.raises(ValueError):
        parse_span("2024-03-05..2024-03-01")
