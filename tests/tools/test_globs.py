"""Spec globs: `*` stays in a folder, `**/` spans folders, a folder covers its contents."""

from __future__ import annotations

import pytest

from interns.globs import matches_any


@pytest.mark.parametrize(
    "path, globs, expected",
    [
        ("src/a.py", ["src/*.py"], True),
        ("src/sub/a.py", ["src/*.py"], False),
        ("src/sub/a.py", ["src/**/*.py"], True),
        ("src/a.py", ["src/**/*.py"], True),
        ("src/sub/deep/a.py", ["src"], True),
        ("./src/a.py", ["src/a.py"], True),
        ("srcx/a.py", ["src"], False),
        ("a.txt", ["*.py"], False),
        ("tests/test_a.py", ["tests/test_?.py"], True),
        ("x/y.py", ["[xz]/*.py"], True),
    ],
)
def test_matches(path: str, globs: list[str], expected: bool) -> None:
    assert matches_any(path, globs) is expected
