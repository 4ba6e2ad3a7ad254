"""Git operations of a run, with GitPython: worktrees, task branches, merges, the user's branch.

Rules this module keeps: the user's current branch, working tree and uncommitted changes are never
touched (everything happens in separate worktrees under `.interns/state/`), and each side effect is
safe to repeat (a resumed run finds a commit or merge already done and skips it).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

import git

from interns.errors import BadInputError, InfrastructureError, TamperedError
from interns.globs import matches_any
from interns.sandbox.git_link import read_git_link

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
# `-c` settings for every git call on a worktree. Config comes from the main repository only (which
# the sandbox cannot write); these also switch off what would run a program or read the worktree's
# own files as instructions: fsmonitor (a command), hooks, the global attributes file, submodules
# (git would run inside them, discovering their `.git`), and the untracked cache.
_DISTRUST_WORKTREE = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.attributesFile=/dev/null",
    "-c", "core.untrackedCache=false",
    "-c", "submodule.recurse=false",
    "-c", "diff.ignoreSubmodules=all",
    "-c", "status.submoduleSummary=false",
)
_WORKTREE_GIT_TIMEOUT_S = 600.0


def _worktree_environment() -> dict[str, str]:
    """The host's environment minus every GIT_* variable (a GIT_DIR or GIT_INDEX_FILE from a calling
    hook must not redirect us), with system and global config and system attributes switched off."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    return {**env, **BOT_IDENTITY, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_ATTR_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


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
        # never `git worktree remove`: it runs git inside the worktree (a status), which a sandbox
        # command may have tampered with; delete the folder ourselves, then let git forget it
        if os.path.lexists(path):
            _remove_tree(path)
        self._git("worktree", "prune")

    def branches_under(self, prefix: str) -> list[str]:
        """Local branch names starting with `prefix/` (e.g. every branch of one run)."""
        refs = self._git("for-each-ref", "--format=%(refname)", f"refs/heads/{prefix}/")
        return [ref[len("refs/heads/") :] for ref in refs.splitlines() if ref.startswith(f"refs/heads/{prefix}/")]

    def worktrees(self) -> list[tuple[Path, str | None]]:
        """Every registered worktree (the main one first) and the branch checked out there (None: detached)."""
        found: list[tuple[Path, str | None]] = []
        for line in self._git("worktree", "list", "--porcelain").splitlines():
            if line.startswith("worktree "):
                found.append((Path(line[len("worktree ") :]), None))
            elif line.startswith("branch refs/heads/") and found:
                found[-1] = (found[-1][0], line[len("branch refs/heads/") :])
        return found

    def delete_branch(self, name: str) -> None:
        if self.commit_of(f"refs/heads/{name}") is not None:
            self._git("branch", "-D", name)

    # -- inside a worktree ---------------------------------------------------------------------
    # A worktree is hostile ground: sandbox commands write in it. Host git never discovers anything
    # from it (see _worktree_git), and a worktree whose `.git` link changed is never touched by git.
    def reset_worktree(self, worktree: Path, commit: str) -> None:
        """Back to `commit`, dropping every change and untracked file (a fresh attempt)."""
        self._worktree_git(worktree, "reset", "-q", "--hard", commit)
        self._worktree_git(worktree, "clean", "-ffdxq")  # -ff: also nested repositories a command made

    def changed_paths(self, worktree: Path) -> list[str]:
        status = self._worktree_git(worktree, "status", "--porcelain", "--untracked-files=all", "--ignore-submodules=all", "-z")
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
        in_scope = self._changed_in_scope(worktree, allowed)
        if not in_scope:
            return None
        self._stage(worktree, in_scope)
        self._worktree_git(worktree, "commit", "-q", "--no-verify", "-m", message)
        return self._worktree_git(worktree, "rev-parse", "HEAD").strip()

    def scope_diff(self, worktree: Path, allowed: tuple[str, ...]) -> str:
        """The worktree's change inside the scope, new files included, for people to read; staged in a
        scratch index so the worktree's own index stays as it was. A git failure gives a note instead
        (never fails a task); a tampered worktree raises."""
        try:
            in_scope = self._changed_in_scope(worktree, allowed)
            if not in_scope:
                return ""
            admin = self.worktree_admin_dir(worktree)
            scratch = admin / "index.interns-diff"
            if (admin / "index").is_file():
                shutil.copyfile(admin / "index", scratch)
            try:
                self._stage(worktree, in_scope, index_file=scratch)
                return self._worktree_git(worktree, "diff", "--cached", "--no-ext-diff", "--no-textconv", "--no-color", "HEAD", index_file=scratch)
            finally:
                scratch.unlink(missing_ok=True)
        except TamperedError:
            raise
        except InfrastructureError as error:
            return f"(no diff: {error})"

    def _changed_in_scope(self, worktree: Path, allowed: tuple[str, ...]) -> list[str]:
        # a folder entry (`sub/`) is a repository some command made inside: never committed as a gitlink
        return [path for path in self.changed_paths(worktree) if not path.endswith("/") and matches_any(path, allowed)]

    def _stage(self, worktree: Path, paths: list[str], index_file: Path | None = None) -> None:
        """Stage exactly these paths (added, changed or deleted): fed on stdin, NUL-separated, taken
        literally (no pathspec magic in names a command chose), in time linear in their number."""
        self._worktree_git(worktree, "update-index", "--add", "--remove", "-z", "--stdin", stdin="\0".join(paths) + "\0", index_file=index_file)

    def merge(self, worktree: Path, branch: str, message: str) -> MergeResult:
        """Merge `branch` into the worktree's branch with a merge commit; conflicts are aborted."""
        tip = self.commit_of(f"refs/heads/{branch}")
        if tip is None:
            raise InfrastructureError(f"git: branch {branch} vanished before its merge")
        head = self._worktree_git(worktree, "rev-parse", "HEAD").strip()
        if self.is_ancestor(tip, head):
            return MergeResult(merged=True, commit=head, already_merged=True)
        try:
            self._worktree_git(worktree, "merge", "-q", "--no-ff", "--no-verify", "-m", message, branch)
        except TamperedError:
            raise
        except InfrastructureError:
            conflicts = [line for line in self._worktree_git(worktree, "diff", "--name-only", "--diff-filter=U", "-z").split("\0") if line]
            try:
                self._worktree_git(worktree, "merge", "--abort")
            except TamperedError:
                raise
            except InfrastructureError:
                self._worktree_git(worktree, "reset", "-q", "--hard", "HEAD")
            if not conflicts:
                raise InfrastructureError(f"git merge of {branch} failed without a conflict")
            return MergeResult(merged=False, conflicts=conflicts)
        return MergeResult(merged=True, commit=self._worktree_git(worktree, "rev-parse", "HEAD").strip())

    def worktree_admin_dir(self, worktree: Path) -> Path:
        """`.git/worktrees/<name>` of the main repository for this worktree, found from the host side
        only (the admin dirs' `gitdir` files), never from the worktree's own `.git`."""
        wanted = os.path.join(os.path.realpath(worktree), ".git")
        admin_root = Path(self.repo.common_dir).resolve() / "worktrees"
        for admin in sorted(admin_root.iterdir()) if admin_root.is_dir() else []:
            try:
                recorded = (admin / "gitdir").read_text().strip()
            except OSError:
                continue
            if os.path.normpath(os.path.join(admin, recorded)) == wanted:  # join: absolute or relative
                return admin
        raise InfrastructureError(f"git: {worktree} is not a worktree of {self.root}")

    def _checked_admin_dir(self, worktree: Path) -> Path:
        """The admin dir, after checking that the worktree's `.git` is still the link git wrote there."""
        link = read_git_link(worktree)
        admin = self.worktree_admin_dir(worktree)
        if link is None:
            raise TamperedError(f"{worktree / '.git'} was removed")
        text = link.decode("utf-8", "replace").strip()
        target = text[len("gitdir:"):].strip() if text.startswith("gitdir:") else ""
        if not target or "\n" in text or os.path.normpath(os.path.join(os.path.realpath(worktree), target)) != str(admin):
            raise TamperedError(f"{worktree / '.git'} no longer points at {admin}")
        return admin

    def _worktree_git(self, worktree: Path, *args: str, stdin: str | None = None, index_file: Path | None = None) -> str:
        """Run git on a worktree that sandbox commands could write: explicit git dir and work tree (no
        discovery through its `.git`), the main repository's config only (no system, global or
        sandbox-written config), and whatever could still run a program neutralised."""
        worktree = Path(worktree)
        admin = self._checked_admin_dir(worktree)
        argv = ["git", f"--git-dir={admin}", f"--work-tree={worktree}", *_DISTRUST_WORKTREE, *args]
        try:
            done = subprocess.run(
                argv, cwd=worktree, env={**_worktree_environment(), **({"GIT_INDEX_FILE": str(index_file)} if index_file else {})}, input=os.fsencode(stdin) if stdin is not None else None,
                stdin=None if stdin is not None else subprocess.DEVNULL, capture_output=True, timeout=_WORKTREE_GIT_TIMEOUT_S,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise InfrastructureError(f"git {args[0]} in {worktree.name} could not run: {error}") from error
        if done.returncode != 0:
            stderr = os.fsdecode(done.stderr).strip() or os.fsdecode(done.stdout).strip()
            raise InfrastructureError(f"git {' '.join(args[:2])} failed in {worktree.name}: {stderr[-2000:]}")
        return os.fsdecode(done.stdout)

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

    def git(self, *args: str) -> str:
        """Host git on the repository itself (never on a worktree: see _worktree_git)."""
        return self._git(*args)

    def _git(self, *args: str) -> str:
        try:
            return self.repo.git.execute(["git", *args], env={**os.environ, **BOT_IDENTITY})
        except git.GitCommandError as error:
            raise InfrastructureError(f"git {' '.join(args[:2])} failed: {error.stderr.strip() or error}") from error


def _remove_tree(path: Path) -> None:
    """Delete a worktree folder without following symlinks, also folders a command made unreadable."""
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
        return
    shutil.rmtree(path, ignore_errors=True)
    if not os.path.lexists(path):
        return
    os.chmod(path, stat.S_IRWXU)
    for folder, dirs, _files in os.walk(path):  # os.walk does not follow symlinks
        for name in dirs:
            child = os.path.join(folder, name)
            if not os.path.islink(child):
                try:
                    os.chmod(child, stat.S_IRWXU)
                except OSError:
                    pass
    shutil.rmtree(path, ignore_errors=True)
