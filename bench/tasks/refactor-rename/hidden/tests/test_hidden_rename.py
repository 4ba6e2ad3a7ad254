from pathlib import Path

import notesapp.clean as clean
from notesapp.titles import make_title

ROOT = Path(__file__).resolve().parents[1]


def test_old_name_is_gone() -> None:
    assert not hasattr(clean, "cln")
    for path in (ROOT / "notesapp").glob("*.py"):
        assert "cln" not in path.read_text().replace("clean", ""), path.name


def test_behaviour() -> None:
    assert clean.normalize_whitespace("") == ""
    assert clean.normalize_whitespace("\u00a0x\u2003y ") == "x y"
    long_line = "word " * 20
    assert make_title(long_line) == "word word word word word word word wo..."
    assert len(make_title(long_line)) <= 40
    assert make_title("x" * 40) == "x" * 40
