from wordy.tokens import words
from wordy.top import top_words


def test_words_edges() -> None:
    assert words("") == []
    assert words("abc123def") == ["abc", "def"]
    assert words("naïve") == ["na", "ve"]
    assert words("snake_case-and CamelCase") == ["snake", "case", "and", "camelcase"]


def test_ties_alphabetical() -> None:
    assert top_words("pear apple fig apple pear fig kiwi", 3) == [("apple", 2), ("fig", 2), ("pear", 2)]


def test_n_larger_than_vocabulary() -> None:
    assert top_words("One one TWO", 10) == [("one", 2), ("two", 1)]
    assert top_words("", 3) == []
    assert top_words("a b", 0) == []
