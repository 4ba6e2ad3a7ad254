"""`interns runs rm` / `interns runs gc`: remove a run's branches, worktrees, checkpoints and files.

What a run owns, and so all that is removed: the branches under `interns/<run>/` (its integration and
task branches), the worktrees under `.interns/state/worktrees/<run>/`, its checkpoints in the shared
checkpoint database and its files `.interns/state/runs/<run>.*`. Never the user's branch or working
tree: a branch checked out in a worktree the run does not own is kept (and said so), a `--push-branch`
branch is the user's and not under `interns/<run>/`. A run whose driver is alive (it holds the run's
lock, RunStore.lock) is refused.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from interns.agents.run_store import RunLock, RunLockedError, RunRecord, RunStore, open_run_store
from interns.errors import BadInputError
from interns.tools.git_repo import GitRepo

# ids name folders and refs we delete: never let one reach outside them (`..`, `/`)
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# the run's own files in `.interns/state/runs/` (RunStore), listed so no other run's file matches
RUN_FILE_SUFFIXES = (".json", ".json.tmp", ".report.json", ".events.jsonl", ".lock")
SECONDS_PER_DAY = 86_400


@dataclass
class Removal:
    """What removing one run did, in words a person reads."""

    run_id: str
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _check_run_id(run_id: str) -> None:
    if not RUN_ID.match(run_id) or ".." in run_id:
        raise BadInputError(f"'{run_id}' is not a run id (see `interns runs`)")


def _lock_run(store: RunStore, run_id: str) -> RunLock:
    """The run's lock, taken so no driver starts while we remove it; refused while one holds it."""
    try:
        return store.lock(run_id)
    except RunLockedError as error:
        raise BadInputError(f"run {run_id} is in progress (its driver holds the run lock: {error.holder}); stop it first, then `interns runs rm {run_id}`") from None


def _remove_worktrees(repo: GitRepo, run_id: str, removal: Removal) -> None:
    folder = repo.state_dir / "worktrees" / run_id  # removed as is: a symlink there is unlinked, never followed
    real = Path(os.path.realpath(folder))
    for worktree, _branch in repo.worktrees():
        # only worktrees inside the run's own folder; the user's working tree is never inside it
        if real in Path(os.path.realpath(worktree)).parents:
            repo.remove_worktree(worktree)
            removal.removed.append(f"worktree {worktree}")
    if os.path.lexists(folder):
        repo.remove_worktree(folder)  # what is left of the folder (a snapshot, a half-made worktree)
        removal.removed.append(f"folder {folder}")


def _remove_branches(repo: GitRepo, run_id: str, record: RunRecord | None, removal: Removal) -> None:
    checked_out = {branch: path for path, branch in repo.worktrees() if branch is not None}
    for branch in repo.branches_under(f"interns/{run_id}"):
        if branch in checked_out or (record is not None and branch == record.user_branch):
            removal.kept.append(f"branch {branch} (checked out in {checked_out.get(branch, 'your working tree')})")
            continue
        repo.delete_branch(branch)
        removal.removed.append(f"branch {branch}")


def _remove_checkpoints(store: RunStore, run_id: str, removal: Removal) -> None:
    """The run's rows in the checkpoint database every run shares (LangGraph's thread id = run id)."""
    if store.delete_checkpoints(run_id):
        removal.removed.append(f"checkpoints of {run_id} in {store.checkpoints_location}")


def _remove_files(store: RunStore, run_id: str, removal: Removal) -> None:
    if store.delete_record(run_id):
        removal.removed.append(f"record of {run_id} in {store.location}")
    for suffix in RUN_FILE_SUFFIXES:
        path = store.runs_dir / f"{run_id}{suffix}"
        if suffix != ".lock" and path.is_file():
            path.unlink()
            removal.removed.append(f"file {path}")


def remove_run(repo: GitRepo, run_id: str) -> Removal:
    """Remove everything run `run_id` owns; refuses a run in progress or one that left nothing."""
    _check_run_id(run_id)
    store = open_run_store(repo.state_dir)
    try:
        record: RunRecord | None = store.load(run_id)
    except BadInputError:
        record = None
    if record is None and not repo.branches_under(f"interns/{run_id}") and not (repo.state_dir / "worktrees" / run_id).exists():
        store.load(run_id)  # raises the usual "no run" error with the recent runs
    lock = _lock_run(store, run_id)
    removal = Removal(run_id)
    try:
        _remove_worktrees(repo, run_id, removal)
        _remove_branches(repo, run_id, record, removal)
        _remove_checkpoints(store, run_id, removal)
        _remove_files(store, run_id, removal)
    finally:
        lock.release()
    (store.runs_dir / f"{run_id}.lock").unlink(missing_ok=True)
    return removal


def is_live(store: RunStore, run_id: str) -> bool:
    """A process drives the run right now (it holds the run's lock)."""
    path = store.runs_dir / f"{run_id}.lock"
    existed = path.exists()
    try:
        lock = store.lock(run_id)
    except BadInputError:
        return True
    lock.release()
    if not existed:  # asking left no trace
        path.unlink(missing_ok=True)
    return False


def finished_runs(store: RunStore, older_than_days: float, now: float | None = None) -> list[RunRecord]:
    """Runs that ended (status finished, no live driver) and were created more than that many days ago.
    Interrupted or killed runs and runs awaiting review are resumable, so they are never collected."""
    cutoff = (now if now is not None else time.time()) - older_than_days * SECONDS_PER_DAY
    return [record for record in store.list() if record.status == "finished" and record.created <= cutoff and not is_live(store, record.run_id)]
