"""Checks of a candidate's files before anything runs: it must change something, and compile.

A model's answer that leaves every file as it was, or a Python file that does not parse, would only
waste a sandbox run and then teach the model nothing new: it is refused here, with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

from interns.tools.edits.model import MalformedAnswer
from interns.tools.safe_paths import is_real_file_inside


class UnchangedAnswer(MalformedAnswer):
    """The answer's files are exactly what they were."""


class DoesNotCompile(MalformedAnswer):
    """A Python file of the answer has a syntax error."""


def check_candidate(worktree: Path, contents: dict[str, str]) -> None:
    """Raise when no file changes or a changed Python file does not parse."""
    changed = {path: text for path, text in contents.items() if _current(worktree, path) != text}
    if not changed:
        names = ", ".join(sorted(contents)) or "no file"
        raise UnchangedAnswer(f"your answer leaves {names} exactly as it was; the task needs a change")
    for path, text in sorted(changed.items()):
        if not path.endswith(".py"):
            continue
        try:
            ast.parse(text)
        except SyntaxError as error:
            line = (error.text or "").strip()
            raise DoesNotCompile(f"{path} would not compile: {error.msg} at line {error.lineno}{': ' + line if line else ''}") from None


def _current(worktree: Path, path: str) -> str | None:
    if not is_real_file_inside(worktree, path):  # a new file, or nothing to read safely
        return None
    try:
        return (worktree / path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
