import pytest

from orderdesk.sku import normalize_sku


def test_normalize() -> None:
    assert normalize_sku("ab-12 3") == "AB123"


def test_too_short() -> None:
    with pytest.raises(ValueError):
        normalize_sku("a-b")
