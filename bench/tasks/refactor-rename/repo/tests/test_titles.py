from notesapp.clean import normalize_whitespace
from notesapp.titles import make_title


def test_normalize() -> None:
    assert normalize_whitespace("  a \t b\n c ") == "a b c"


def test_title() -> None:
    assert make_title("  Shopping   list ") == "Shopping list"
    assert make_title("   ") == "Untitled"
