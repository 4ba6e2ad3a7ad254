import pytest

from orderdesk.quantity import parse_quantity


@pytest.mark.parametrize("text", ["3", "3x", "x3", "3 pcs"])
def test_forms(text: str) -> None:
    assert parse_quantity(text) == 3


def test_zero() -> None:
    with pytest.raises(ValueError):
        parse_quantity("0")
