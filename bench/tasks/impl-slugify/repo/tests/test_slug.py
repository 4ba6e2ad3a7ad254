from textkit.slug import slugify


def test_words_and_punctuation() -> None:
    assert slugify("Hello, World!") == "hello-world"


def test_runs_collapse_and_ends_are_trimmed() -> None:
    assert slugify("  Release 2.0 -- notes ") == "release-2-0-notes"


def test_a_slug_stays_the_same() -> None:
    assert slugify("already-a-slug") == "already-a-slug"
