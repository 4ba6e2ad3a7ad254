from pathlib import Path

from glossary.files import read_lines
from glossary.terms import load_glossary


def test_utf8(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("# de\nstreet = Straße\n", encoding="utf-8")
    assert load_glossary(path) == {"street": "Straße"}


def test_latin1(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("café = Kaffee\n".encode("latin-1"))
    assert load_glossary(path, encoding="latin-1") == {"café": "Kaffee"}
    assert read_lines(path, encoding="latin-1") == ["café = Kaffee"]
