"""Scratch git repositories for evaluation: a task's repo copied, committed, and result checkouts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from interns.errors import InfrastructureError
from interns.evaluation.taskset import EvalTask

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


class PatchError(Exception):
    """A patch that does not apply (the tree is left as it was)."""


def apply_patch(patch: Path, tree: Path) -> list[str]:
    """Apply a unified diff in git's format (paths relative to `tree`) to the files of `tree`, all of
    it or nothing; returns the paths it changes. `tree` need not be a git repository."""
    # never let git take a repository around `tree` for the one the patch is about
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tree.resolve().parent)}
    patch_path = str(patch.resolve())

    def git_apply(*args: str) -> str:
        done = subprocess.run(["git", "apply", *args, patch_path], cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise PatchError(done.stderr.strip() or f"git apply exited {done.returncode}")
        return done.stdout

    # --numstat -z: "added<TAB>deleted<TAB>path<NUL>" per file, nothing applied
    paths = [entry.split("\t", 2)[2] for entry in git_apply("--numstat", "-z").split("\0") if entry]
    git_apply("--whitespace=nowarn")
    return paths


def copy_task_repo(task: EvalTask, destination: Path) -> Path:
    """A task's starting repo as a run sees it: a plain copy of repo/ (no .git, no caches) with the
    task's generated files written on top."""
    shutil.copytree(task.repo, destination, ignore=IGNORED_NAMES)
    for relative, text in task.generated_files().items():
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
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


def prepare_task_repo(task: EvalTask, destination: Path) -> str:
    """Copy a task's repo to `destination`, make it a git repo with one commit; returns the sha."""
    copy_task_repo(task, destination)
    return init_repo(destination)


def checkout(repo: Path, commit: str, destination: Path) -> Path:
    """A detached worktree of `commit` at `destination` (the user's branch is left alone)."""
    git(repo, "worktree", "add", "--detach", "--force", str(destination), commit)
    return destination


def remove_checkout(repo: Path, destination: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(destination)], cwd=repo, capture_output=True)
    shutil.rmtree(destination, ignore_errors=True)
