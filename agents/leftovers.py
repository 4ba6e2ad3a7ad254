"""What a killed run leaves behind in git, cleared before `interns resume` continues it.

A `git` process killed mid-way (with the run, by SIGKILL) leaves lock files that every later git
command in that place refuses to go past: `git worktree add` leaves its new worktree `locked`
("initializing"), so the next `worktree add` of the same path or branch fails ("cannot force update
the branch ... used by worktree"); a killed `git reset`/`merge`/`commit` leaves the worktree's
`index.lock`; a killed `git branch -B` leaves `refs/heads/interns/<run>/....lock`.

Only the run's own leftovers are touched: lock files inside git's admin folders of the worktrees under
`.interns/state/worktrees/<run>/` and ref locks under `refs/heads/interns/<run>/`. Never the user's
index, branches or config. Callers hold the run's lock (RunStore.lock), so no live interns process
works in that run; a live process still working in the run's worktrees (a git of the dead run that
outlived it) is waited for a few seconds, then named in a clear error instead of being raced.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from interns.errors import InfrastructureError

WAIT_FOR_STRAYS_S = 5.0


def _processes_in(directory: Path) -> list[tuple[int, str]]:
    """Live processes (other than this one) whose working directory or command line is inside `directory`."""
    needle = str(directory)
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
        except OSError:
            cwd = ""
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if cwd == needle or cwd.startswith(needle + "/") or needle in cmdline:
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state not in ("Z", "X"):
                found.append((int(entry.name), cmdline[:200] or cwd))
    return found


def _admin_dirs(common_dir: Path, worktrees_dir: Path) -> list[Path]:
    """git's admin folders (`.git/worktrees/<name>`) of the worktrees registered under `worktrees_dir`."""
    admin_root = common_dir / "worktrees"
    if not admin_root.is_dir():
        return []
    found = []
    for admin in admin_root.iterdir():
        try:
            gitdir = Path((admin / "gitdir").read_text().strip())
        except OSError:
            continue
        if gitdir == worktrees_dir or worktrees_dir in gitdir.parents:
            found.append(admin)
    return found


def clear_run_leftovers(common_dir: Path, worktrees_dir: Path, ref_dir: Path, wait_s: float = WAIT_FOR_STRAYS_S) -> list[str]:
    """Remove the stale git locks a killed run left in its worktrees and branches; returns what was
    removed (for the run's event log). Raises InfrastructureError naming the process when something
    still works in the run's worktrees after `wait_s`."""
    deadline = time.monotonic() + wait_s
    strays = _processes_in(worktrees_dir) if worktrees_dir.exists() else []
    while strays and time.monotonic() < deadline:
        time.sleep(0.1)
        strays = _processes_in(worktrees_dir)
    if strays:
        shown = "; ".join(f"pid {pid}: {what}" for pid, what in strays[:5])
        raise InfrastructureError(
            f"processes of an earlier run still work in {worktrees_dir} ({shown}); "
            f"wait for them or stop them (kill {' '.join(str(pid) for pid, _ in strays[:5])}), then resume again"
        )
    removed: list[str] = []
    for admin in _admin_dirs(common_dir, worktrees_dir):
        locked = admin / "locked"
        if locked.exists():  # interns never locks a worktree: only a killed `git worktree add` does
            locked.unlink(missing_ok=True)
            removed.append(str(locked))
        for lock in admin.rglob("*.lock"):
            lock.unlink(missing_ok=True)
            removed.append(str(lock))
    if ref_dir.is_dir():
        for lock in ref_dir.rglob("*.lock"):
            lock.unlink(missing_ok=True)
            removed.append(str(lock))
    return removed
