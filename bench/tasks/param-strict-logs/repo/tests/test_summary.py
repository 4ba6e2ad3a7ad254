import pytest

from logscan.summary import count_levels


def test_lenient_by_default() -> None:
    assert count_levels(["INFO: up", "garbage", "ERROR: down"]) == {"DEBUG": 0, "INFO": 1, "WARNING": 0, "ERROR": 1}


def test_strict_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="garbage"):
        count_levels(["INFO: up", "garbage"], strict=True)
