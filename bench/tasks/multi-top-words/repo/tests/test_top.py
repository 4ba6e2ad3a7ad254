from wordy.top import top_words


def test_top_two() -> None:
    assert top_words("b a b c a b", 2) == [("b", 3), ("a", 2)]
