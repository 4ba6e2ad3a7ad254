"""Scratch git repositories for evaluation: a task's repo copied, committed, and result checkouts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from interns.errors import InfrastructureError

GIT_IDENTITY = (("user.name", "interns eval"), ("user.email", "eval@interns.invalid"))
IGNORED_NAMES = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".git")


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; a failure is an infrastructure error (the harness's repos are its own)."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise InfrastructureError(f"git {' '.join(args)} failed in {repo}: {result.stderr.strip()}")
    return result.stdout.strip()


def overlay(source: Path, destination: Path) -> list[str]:
    """Copy every file under `source` onto `destination` (replacing files); returns relative paths."""
    copied: list[str] = []
    if not source.is_dir():
        return copied
    for path in sorted(source.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        relative = path.relative_to(source)
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(relative.as_posix())
    return copied


def copy_repo(source: Path, destination: Path) -> Path:
    """A plain copy of a task's starting repo (no .git, no caches)."""
    shutil.copytree(source, destination, ignore=IGNORED_NAMES)
    return destination


def init_repo(repo: Path, message: str = "Starting state") -> str:
    """`git init` + one commit of everything (identity set locally); returns the commit sha."""
    git(repo, "init", "--quiet", "--initial-branch=main")
    for key, value in GIT_IDENTITY:
        git(repo, "config", key, value)
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def prepare_task_repo(task_repo: Path, destination: Path) -> str:
    """Copy a task's repo to `destination`, make it a git repo with one commit; returns the sha."""
    copy_repo(task_repo, destination)
    return init_repo(destination)


def checkout(repo: Path, commit: str, destination: Path) -> Path:
    """A detached worktree of `commit` at `destination` (the user's branch is left alone)."""
    git(repo, "worktree", "add", "--detach", "--force", str(destination), commit)
    return destination


def remove_checkout(repo: Path, destination: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(destination)], cwd=repo, capture_output=True)
    shutil.rmtree(destination, ignore_errors=True)
