import pytest

from stockroom.inventory import normalize_location, walking_order


@pytest.mark.parametrize(("text", "code"), [("aa-1-1", "AA-01-01"), ("Z 99 99", "Z-99-99"), ("c--4..7", "C-04-07"), ("d-07-010", "D-07-10")])
def test_more_forms(text: str, code: str) -> None:
    assert normalize_location(text) == code


@pytest.mark.parametrize("text", ["", "B-0-1", "B-1-100", "ABC-1-1", "1-2-3", "B-x-1", "B-1-2-3", "Ä-1-1", "B-١-1"])
def test_bad_codes(text: str) -> None:
    with pytest.raises(ValueError):
        normalize_location(text)


def test_walking_order_uses_canonical_codes() -> None:
    codes = [normalize_location(text) for text in ["b-10-1", "b-9-2", "a 1 1"]]
    assert walking_order(codes) == ["A-01-01", "B-09-02", "B-10-01"]
