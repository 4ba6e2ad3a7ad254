import pytest

from appconfig.values import parse_bool


@pytest.mark.parametrize(("text", "value"), [(" YES ", True), ("On", True), ("1", True), ("Off", False), ("no", False), ("0\n", False), ("FALSE", False)])
def test_words(text: str, value: bool) -> None:
    assert parse_bool(text) is value


@pytest.mark.parametrize("text", ["maybe", "", "   ", "2", "yess"])
def test_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_bool(text)
