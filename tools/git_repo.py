"""Git operations of a run, with GitPython: worktrees, task branches, merges, the user's branch.

Rules this module keeps: the user's current branch, working tree and uncommitted changes are never
touched (everything happens in separate worktrees under `.interns/state/`), and each side effect is
safe to repeat (a resumed run finds a commit or merge already done and skips it).
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import git

from interns.errors import BadInputError, InfrastructureError
from interns.globs import matches_any

STATE_DIR = ".interns/state"
# `git worktree add/remove/prune` of parallel interns share `.git/worktrees/`: a prune running while
# another worktree is half-created deletes it. One process-wide lock keeps these operations apart.
_WORKTREE_LOCK = threading.RLock()
BOT_IDENTITY = {
    "GIT_AUTHOR_NAME": "interns",
    "GIT_AUTHOR_EMAIL": "interns@localhost",
    "GIT_COMMITTER_NAME": "interns",
    "GIT_COMMITTER_EMAIL": "interns@localhost",
}


@dataclass
class MergeResult:
    merged: bool
    commit: str | None = None
    conflicts: list[str] = field(default_factory=list)
    already_merged: bool = False


def integration_branch(run_id: str) -> str:
    # not `interns/<run>`: git cannot hold both `interns/<run>` and `interns/<run>/task/...` refs
    return f"interns/{run_id}/integration"


def task_branch(run_id: str, task_id: str) -> str:
    return f"interns/{run_id}/task/{task_id}"


class GitRepo:
    """The user's repository, as the orchestrator sees it."""

    def __init__(self, path: Path, require_commit: bool = True) -> None:
        try:
            self.repo = git.Repo(path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
            raise BadInputError(f"{path}: not a git repository (run `git init` and commit first)") from error
        if self.repo.bare:
            raise BadInputError(f"{path}: a bare repository has no working tree to take specs from")
        self.root = Path(self.repo.working_tree_dir).resolve()
        try:
            if require_commit:
                self.repo.head.commit
        except ValueError as error:
            raise BadInputError(f"{self.root}: the repository has no commit yet; commit your files first") from error

    # -- state ---------------------------------------------------------------------------------
    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    def ensure_state_dir(self) -> Path:
        """Create `.interns/state/` and hide it from git locally, so a run never makes the tree dirty."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        exclude = Path(self.repo.git_dir) / "info" / "exclude"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        lines = exclude.read_text().splitlines() if exclude.exists() else []
        if f"/{STATE_DIR}/" not in lines:
            with exclude.open("a") as handle:
                handle.write(("\n" if lines and lines[-1] else "") + f"/{STATE_DIR}/\n")
        return self.state_dir

    # -- the user's side -----------------------------------------------------------------------
    def dirty_paths(self) -> list[str]:
        status = self.repo.git.status("--porcelain", "--untracked-files=all")
        return [line[3:] for line in status.splitlines() if line[3:] and not line[3:].startswith(STATE_DIR)]

    def current_branch(self) -> str | None:
        return None if self.repo.head.is_detached else self.repo.active_branch.name

    def head_commit(self) -> str:
        return self.repo.head.commit.hexsha

    def commit_of(self, ref: str) -> str | None:
        try:
            return self.repo.commit(ref).hexsha
        except (git.BadName, ValueError, git.GitCommandError):
            return None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        try:
            self.repo.git.merge_base("--is-ancestor", ancestor, descendant)
            return True
        except git.GitCommandError:
            return False

    # -- branches and worktrees ----------------------------------------------------------------
    def ensure_branch(self, name: str, start: str) -> str:
        if self.commit_of(f"refs/heads/{name}") is None:
            self._git("branch", name, start)
        return self.commit_of(f"refs/heads/{name}")  # type: ignore[return-value]

    def add_worktree(self, path: Path, branch: str, start: str, reset: bool = True) -> Path:
        """A worktree for `branch` at `path`; with reset, the branch is (re)pointed at start."""
        with _WORKTREE_LOCK:
            return self._add_worktree(path, branch, start, reset)

    def _add_worktree(self, path: Path, branch: str, start: str, reset: bool) -> Path:
        self.remove_worktree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if reset:
            self._git("worktree", "add", "--force", "-B", branch, str(path), start)
        else:
            self.ensure_branch(branch, start)
            self._git("worktree", "add", "--force", str(path), branch)
        return path

    def remove_worktree(self, path: Path) -> None:
        with _WORKTREE_LOCK:
            self._remove_worktree(path)

    def _remove_worktree(self, path: Path) -> None:
        if path.exists():
            try:
                self._git("worktree", "remove", "--force", str(path))
            except InfrastructureError:
                shutil.rmtree(path, ignore_errors=True)
        self._git("worktree", "prune")

    def delete_branch(self, name: str) -> None:
        if self.commit_of(f"refs/heads/{name}") is not None:
            self._git("branch", "-D", name)

    # -- inside a worktree ---------------------------------------------------------------------
    def reset_worktree(self, worktree: Path, commit: str) -> None:
        """Back to `commit`, dropping every change and untracked file (a fresh attempt)."""
        wt = git.Repo(worktree)
        wt.git.reset("--hard", commit)
        wt.git.clean("-fdxq")

    def changed_paths(self, worktree: Path) -> list[str]:
        status = git.Repo(worktree).git.status("--porcelain", "--untracked-files=all", "-z")
        paths = []
        entries = status.split("\0")
        index = 0
        while index < len(entries):
            entry = entries[index]
            if not entry:
                index += 1
                continue
            code, path = entry[:2], entry[3:]
            paths.append(path)
            if code.startswith("R") or code.startswith("C"):
                index += 1  # the source path follows a rename
            index += 1
        return paths

    def commit_scope(self, worktree: Path, allowed: tuple[str, ...], message: str) -> str | None:
        """Commit the changes inside the task's scope (build junk outside it is left out)."""
        wt = git.Repo(worktree)
        in_scope = [path for path in self.changed_paths(worktree) if matches_any(path, allowed)]
        if not in_scope:
            return None
        wt.git.add("--all", "--", *in_scope)
        with wt.git.custom_environment(**BOT_IDENTITY):
            wt.git.commit("-m", message, "--no-verify")
        return wt.head.commit.hexsha

    def merge(self, worktree: Path, branch: str, message: str) -> MergeResult:
        """Merge `branch` into the worktree's branch with a merge commit; conflicts are aborted."""
        wt = git.Repo(worktree)
        tip = self.commit_of(f"refs/heads/{branch}")
        if tip is None:
            raise InfrastructureError(f"git: branch {branch} vanished before its merge")
        if self.is_ancestor(tip, wt.head.commit.hexsha):
            return MergeResult(merged=True, commit=wt.head.commit.hexsha, already_merged=True)
        try:
            with wt.git.custom_environment(**BOT_IDENTITY):
                wt.git.merge("--no-ff", "--no-verify", "-m", message, branch)
        except git.GitCommandError:
            conflicts = [line for line in wt.git.diff("--name-only", "--diff-filter=U").splitlines() if line]
            try:
                wt.git.merge("--abort")
            except git.GitCommandError:
                wt.git.reset("--hard", "HEAD")
            if not conflicts:
                raise InfrastructureError(f"git merge of {branch} failed without a conflict")
            return MergeResult(merged=False, conflicts=conflicts)
        return MergeResult(merged=True, commit=wt.head.commit.hexsha)

    def changed_files(self, since: str, paths: list[str]) -> list[str]:
        """Files added or changed between `since` and HEAD under `paths` (deleted ones left out)."""
        if self.commit_of(since) is None:
            raise BadInputError(f"--changed-since: unknown revision '{since}'")
        output = self._git("diff", "--name-only", "--diff-filter=AMRC", f"{since}...HEAD", "--", *paths)
        return [line for line in output.splitlines() if line]

    def check_branch_can_move(self, branch: str, target: str) -> None:
        """Refuse to move `branch` (local, or as any remote has it) unless it only moves forward to target."""
        if self.current_branch() == branch:
            raise BadInputError(f"--push-branch {branch}: that is your checked-out branch (use --apply to fast-forward it)")
        for ref in [f"refs/heads/{branch}", *self._remote_refs(branch)]:
            tip = self.commit_of(ref)
            if tip is not None and not self.is_ancestor(tip, target):
                raise BadInputError(f"--push-branch {branch}: {ref} has commits this run does not have; refusing to overwrite it (pick another name)")

    def _remote_refs(self, branch: str) -> list[str]:
        output = self._git("for-each-ref", "--format=%(refname)", "refs/remotes/")
        return [ref for ref in output.splitlines() if ref.endswith(f"/{branch}") and ref.count("/") == 3 + branch.count("/")]

    def set_branch(self, branch: str, target: str) -> None:
        """Point `branch` at target, after check_branch_can_move."""
        self.check_branch_can_move(branch, target)
        current = self.commit_of(f"refs/heads/{branch}")
        self._git("update-ref", f"refs/heads/{branch}", target, *([current] if current else []))

    def fast_forward(self, branch: str, target: str) -> None:
        """Move the user's branch to target, only as a clean fast-forward (used by --apply)."""
        current = self.commit_of(f"refs/heads/{branch}")
        if current is None:
            raise BadInputError(f"--apply: branch {branch} does not exist")
        if not self.is_ancestor(current, target):
            raise BadInputError(f"--apply: {branch} has moved since the run started; not a fast-forward (merge {target[:12]} yourself)")
        if self.current_branch() == branch:
            if self.dirty_paths():
                raise BadInputError(f"--apply: the working tree has uncommitted changes; commit or stash them, then `git merge --ff-only {target[:12]}`")
            self._git("merge", "--ff-only", target)
        else:
            self._git("update-ref", f"refs/heads/{branch}", target, current)

    def _git(self, *args: str) -> str:
        try:
            return self.repo.git.execute(["git", *args], env={**os.environ, **BOT_IDENTITY})
        except git.GitCommandError as error:
            raise InfrastructureError(f"git {' '.join(args[:2])} failed: {error.stderr.strip() or error}") from error
