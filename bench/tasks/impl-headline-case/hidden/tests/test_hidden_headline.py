import pytest

from pressroom.headlines import headline


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("of", "Of"),
    ("what it is for", "What It Is For"),
    ("NASA and the moon", "NASA and the Moon"),
    ("a tale OF two cities", "A Tale of Two Cities"),
    ("  state-of-the-art  design\tin berlin ", "State-of-the-art Design in Berlin"),
    ("iphone vs. the world", "Iphone Vs. the World"),
    ("the end is the", "The End Is The"),
])
def test_headlines(text: str, expected: str) -> None:
    assert headline(text) == expected
