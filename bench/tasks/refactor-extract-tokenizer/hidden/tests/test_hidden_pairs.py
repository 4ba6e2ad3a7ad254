import ast
from pathlib import Path

import pytest

from tags.exif import camera_info
from tags.labels import user_labels
from tags.pairs import parse_pairs

ROOT = Path(__file__).resolve().parents[1]


def test_parse_pairs() -> None:
    assert parse_pairs("") == {}
    assert parse_pairs("k=v=w; K=x") == {"k": "x"}
    with pytest.raises(ValueError):
        parse_pairs("novalue")


def test_behaviour_kept() -> None:
    assert camera_info("LENS=35mm;make=Leica") == {"make": "Leica", "lens": "35mm"}
    assert user_labels("") == []
    with pytest.raises(ValueError):
        camera_info("make")


@pytest.mark.parametrize("name", ["exif.py", "labels.py"])
def test_no_loops_left(name: str) -> None:
    tree = ast.parse((ROOT / "tags" / name).read_text())
    assert not any(isinstance(node, ast.For) for node in ast.walk(tree))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "tags.pairs" for alias in node.names}
    assert imported == {"parse_pairs"}
