import pytest

from stockroom.inventory import normalize_location


@pytest.mark.parametrize("text", ["b-3-12", "B.03.12", " b 3 12 "])
def test_forms_of_the_same_location(text: str) -> None:
    assert normalize_location(text) == "B-03-12"


def test_rejects_a_missing_shelf() -> None:
    with pytest.raises(ValueError):
        normalize_location("B-3")
