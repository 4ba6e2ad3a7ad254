from wordy.tokens import words


def test_words() -> None:
    assert words("It's 9 o'clock!") == ["it", "s", "o", "clock"]
    assert words("Hello, hello WORLD") == ["hello", "hello", "world"]
