import pytest

from measures.length import convert, to_metres


def test_to_metres() -> None:
    assert to_metres(250, "cm") == 2.5
    assert to_metres(2, "ft") == pytest.approx(0.6096)


def test_convert() -> None:
    assert convert(1, "yd", "in") == pytest.approx(36)


def test_unknown() -> None:
    with pytest.raises(ValueError):
        to_metres(1, "mile")
