"""A task's commits between machines as git bundles (`git bundle create`): the base commit goes to a
worker node, the task's result commit comes back.

What comes back is hostile input (built from a worktree that sandbox commands wrote, on a machine the
head does not watch): it is fetched with objects checked and no hooks, only the task branch's ref and
only into a namespaced ref of its own, then checked against the task's rules (one commit on the task's
base, only files of the task's scope, no submodules) before the task's branch points at it. A bundle
carries no config and no hooks, so nothing of the worker's repository is honoured.
"""

from __future__ import annotations

from pathlib import Path

import git

from interns.errors import InfrastructureError, RejectedResultError
from interns.globs import matches_any
from interns.tools.git_repo import GitRepo

BUNDLE_REFS = "refs/interns/bundles"  # the transient ref a base bundle is made from (a bundle needs a ref)
RESULT_REFS = "refs/interns/results"  # where a worker's result waits while it is checked
WORKER_BASE_BRANCH = "interns-base"  # the worker clone's HEAD: the task's base
BUNDLE_HEADERS = (b"# v2 git bundle\n", b"# v3 git bundle\n")  # the first line of every bundle git writes
GITLINK_MODE = "160000"  # a submodule entry: never part of a task's result
# fetching a worker's bundle: every object checked (malformed trees, `.git` path tricks), no hooks
_CHECKED_FETCH = ("-c", "transfer.fsckObjects=true", "-c", "core.hooksPath=/dev/null")


def write_base_bundle(repo: GitRepo, run_id: str, commit: str, path: Path) -> str:
    """`commit` and its history as a bundle at `path`; returns the ref the bundle holds it under."""
    ref = f"{BUNDLE_REFS}/{run_id}/{commit}"
    repo.git("update-ref", ref, commit)
    try:
        repo.git("bundle", "create", "-q", str(path), ref)
    finally:
        repo.git("update-ref", "-d", ref)
    return ref


def clone_from_bundle(bundle: Path, ref: str, destination: Path) -> GitRepo:
    """A new repository at `destination` whose HEAD is the bundle's `ref` (its work tree stays empty:
    interns work in worktrees of their own)."""
    try:
        clone = git.Repo.init(destination)
        clone.git.fetch("-q", "--no-tags", str(bundle), f"+{ref}:refs/heads/{WORKER_BASE_BRANCH}")
        clone.git.symbolic_ref("HEAD", f"refs/heads/{WORKER_BASE_BRANCH}")
    except git.GitCommandError as error:
        raise InfrastructureError(f"git could not clone the task's base from its bundle: {error.stderr.strip() or error}") from error
    return GitRepo(destination)


def write_result_bundle(repo: GitRepo, branch: str, base: str, path: Path) -> None:
    """The task branch's commits on top of `base` (what the head lacks) as a bundle at `path`."""
    repo.git("bundle", "create", "-q", str(path), f"refs/heads/{branch}", f"^{base}")


def import_result(repo: GitRepo, bundle: Path, branch: str, base: str, claimed: str, allowed: tuple[str, ...], result_ref: str) -> str:
    """Fetch only `branch` of a worker's bundle into `result_ref`, check it, then point `branch` at it;
    returns the commit. RejectedResultError when the bundle or its commit breaks the task's rules."""
    with bundle.open("rb") as handle:
        header = handle.read(len(BUNDLE_HEADERS[0]))
    if header not in BUNDLE_HEADERS:  # else git would take the file for something else: a `gitdir:` link to a repository here
        raise RejectedResultError("the worker's result is not a git bundle")
    try:
        repo.git(*_CHECKED_FETCH, "fetch", "-q", "--no-tags", "--no-write-fetch-head", "--no-recurse-submodules", "--no-auto-maintenance", str(bundle), f"+refs/heads/{branch}:{result_ref}")
    except InfrastructureError as error:
        raise RejectedResultError(f"the worker's bundle was refused: {error}") from error
    try:
        tip = repo.commit_of(result_ref) or ""
        problems = result_problems(repo, tip, base, claimed, allowed)
        if problems:
            raise RejectedResultError("the worker's result was refused: " + "; ".join(problems))
        repo.git("update-ref", f"refs/heads/{branch}", tip)
        return tip
    finally:
        repo.git("update-ref", "-d", result_ref)


def result_problems(repo: GitRepo, tip: str, base: str, claimed: str, allowed: tuple[str, ...]) -> list[str]:
    """What is wrong with `tip` as the result of a task on `base` that may change `allowed` (empty: nothing)."""
    if tip != claimed:
        return [f"the bundle holds {tip[:12]}, the worker reported {claimed[:12]}"]
    parents = repo.git("rev-list", "--parents", "-n", "1", tip).split()[1:]
    if parents != [base]:
        return [f"{tip[:12]} is not one commit on the task's base {base[:12]}"]
    problems = []
    changed = _changed_entries(repo, base, tip)
    if not changed:
        problems.append("the commit changes nothing")
    for old_mode, new_mode, path in changed:
        if not matches_any(path, allowed):
            problems.append(f"{path} is outside the task's files")
        elif GITLINK_MODE in (old_mode, new_mode):
            problems.append(f"{path} is a submodule")
    return problems


def _changed_entries(repo: GitRepo, base: str, tip: str) -> list[tuple[str, str, str]]:
    """(old mode, new mode, path) of every file that differs between two commits (no rename pairing)."""
    raw = repo.git("diff-tree", "-r", "-z", "--no-renames", base, tip)
    fields = raw.split("\0")
    entries = []
    for meta, path in zip(fields[0::2], fields[1::2]):
        modes = meta.lstrip(":").split()
        if len(modes) >= 2:
            entries.append((modes[0], modes[1], path))
    return entries
