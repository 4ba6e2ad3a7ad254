import inspect
from pathlib import Path

from glossary.files import read_lines
from glossary.terms import load_glossary


def test_default_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text("ö = oe\n\n", encoding="utf-8")
    assert read_lines(path) == ["ö = oe", ""]


def test_cp1252_positional(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_bytes("price = 5 €\n".encode("cp1252"))
    assert load_glossary(path, "cp1252") == {"price": "5 €"}


def test_signatures() -> None:
    assert inspect.signature(read_lines).parameters["encoding"].default == "utf-8"
    assert inspect.signature(load_glossary).parameters["encoding"].default == "utf-8"
