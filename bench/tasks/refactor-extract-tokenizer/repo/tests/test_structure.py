from pathlib import Path

from tags.pairs import parse_pairs

ROOT = Path(__file__).resolve().parents[1]


def test_shared_parser() -> None:
    assert parse_pairs(" A = 1 ;; b=2 ") == {"a": "1", "b": "2"}
    for name in ("exif.py", "labels.py"):
        source = (ROOT / "tags" / name).read_text()
        assert "parse_pairs" in source and "partition" not in source, name
