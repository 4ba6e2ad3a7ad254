import inspect

import pytest

from logscan.parse import parse_line
from logscan.summary import count_levels


def test_parse_line_strict() -> None:
    assert parse_line("WARNING: disk 91%\n", strict=True) == ("WARNING", "disk 91%")
    with pytest.raises(ValueError, match="TRACE: x"):
        parse_line("TRACE: x", strict=True)
    assert parse_line("TRACE: x") is None


def test_strict_count_of_good_lines() -> None:
    assert count_levels(["DEBUG: a", "DEBUG: b"], strict=True)["DEBUG"] == 2


def test_defaults() -> None:
    assert inspect.signature(parse_line).parameters["strict"].default is False
    assert inspect.signature(count_levels).parameters["strict"].default is False
