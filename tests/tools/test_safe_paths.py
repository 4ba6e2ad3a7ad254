"""The edit writer and reader take a model's paths as hostile: no symlink is followed, nothing lands in
`.git` or `.interns`, and a write that fails is a refused answer (a MalformedAnswer), not a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interns.tools.edits.apply import OutOfScopeError, WriteRefusedError, apply_edits, plan_edits, write_contents
from interns.tools.edits.model import Edit, EditKind, MalformedAnswer
from interns.tools.safe_paths import UnsafePathError, is_real_file_inside, resolve_inside


@pytest.fixture
def worktree(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    root = tmp_path / "wt"
    (root / "src").mkdir(parents=True)
    (root / "src" / "a.py").write_text("A = 1\n")
    (root / ".git").write_text("gitdir: /somewhere\n")
    os.symlink(outside / "secret.txt", root / "src" / "link.txt")
    os.symlink(outside, root / "out")
    return root


def _whole(path: str, content: str = "X = 1\n") -> Edit:
    return Edit(path=path, kind=EditKind.WHOLE_FILE, content=content)


@pytest.mark.parametrize("path", ["src/link.txt", "out/new.py", "out/secret.txt", ".git/config", "sub/.git/hooks/x", ".interns/config.toml", "../x.py", "/etc/passwd", ""])
def test_unsafe_paths_are_refused(worktree: Path, path: str) -> None:
    with pytest.raises(UnsafePathError):
        resolve_inside(worktree, path)
    assert not is_real_file_inside(worktree, path)


def test_real_paths_inside_are_fine(worktree: Path) -> None:
    assert resolve_inside(worktree, "src/a.py") == worktree / "src" / "a.py"
    assert resolve_inside(worktree, "src/new/deep.py") == worktree / "src" / "new" / "deep.py"
    assert is_real_file_inside(worktree, "src/a.py")


def test_plan_refuses_reading_or_writing_through_a_symlink(worktree: Path) -> None:
    for path in ("src/link.txt", "out/planted.py"):
        with pytest.raises(OutOfScopeError, match="symbolic link"):
            plan_edits(worktree, [_whole(path)])
    search = Edit(path="src/link.txt", kind=EditKind.SEARCH_REPLACE, search="secret", replace="x")
    with pytest.raises(OutOfScopeError):
        plan_edits(worktree, [search])
    assert (worktree.parent / "outside" / "secret.txt").read_text() == "secret\n"
    assert not (worktree.parent / "outside" / "planted.py").exists()


def test_write_refuses_a_symlink_that_appeared_after_planning(worktree: Path) -> None:
    contents = plan_edits(worktree, [_whole("src/b.py")])
    os.symlink(worktree.parent / "outside" / "secret.txt", worktree / "src" / "b.py")
    with pytest.raises(WriteRefusedError):
        write_contents(worktree, contents)
    assert (worktree.parent / "outside" / "secret.txt").read_text() == "secret\n"


def test_a_failing_write_is_a_refused_answer(worktree: Path) -> None:
    (worktree / "src" / "file").write_text("")
    with pytest.raises(MalformedAnswer):  # `src/file` is a file where a folder should be
        write_contents(worktree, {"src/file/x.py": "X = 1\n"})
    with pytest.raises(MalformedAnswer):  # a folder named as a file
        plan_edits(worktree, [_whole("src")])


def test_plain_edits_still_apply(worktree: Path) -> None:
    assert apply_edits(worktree, [_whole("src/a.py", "A = 2\n"), _whole("src/pkg/new.py")]) == ["src/a.py", "src/pkg/new.py"]
    assert (worktree / "src" / "a.py").read_text() == "A = 2\n"
