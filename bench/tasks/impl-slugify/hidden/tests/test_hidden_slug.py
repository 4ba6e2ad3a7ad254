import pytest

from textkit.slug import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café au lait", "caf-au-lait"),
        ("", ""),
        ("!!!", ""),
        ("ABC123", "abc123"),
        ("a__b", "a-b"),
        ("   x   ", "x"),
        ("Chapter 10: The End?", "chapter-10-the-end"),
        ("tabs\tand\nnewlines", "tabs-and-newlines"),
    ],
)
def test_hidden_cases(title: str, slug: str) -> None:
    assert slugify(title) == slug
