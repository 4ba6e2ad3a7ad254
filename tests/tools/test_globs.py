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
        # anchored at the root: a slash-less glob does not match deeper down (unlike .gitignore)
        ("src/a.py", ["*.py"], False),
        ("a.py", ["*.py"], True),
        ("sub/src/a.py", ["src"], False),
        # a glob matching a folder covers what is inside it
        ("src/sub/a.py", ["src/*"], True),
        ("src/sub/a.py", ["src/**"], True),
        ("b.py", ["[!a].py"], True),
        ("a.py", ["[!a].py"], False),
        ("!x", ["!x"], True),  # a leading `!` is literal, not a negation
        ("#x", ["#x"], True),  # ... and `#` is not a comment
        ("a.py", [""], False),
        # never inside git's or interns' own state, whatever the globs say
        (".git/config", ["**"], False),
        (".git/hooks/pre-commit", [".git"], False),
        ("sub/.git/config", ["**"], False),
        (".GIT/config", ["**"], False),
        (".interns/config.toml", ["**"], False),
        (".interns/specs/a.md", [".interns/specs/*.md"], False),
        ("docs/.interns/note.md", ["**"], True),
        ("../outside.py", ["**"], False),
        ("src/../.git/config", ["**"], False),
    ],
)
def test_matches(path: str, globs: list[str], expected: bool) -> None:
    assert matches_any(path, globs) is expected
