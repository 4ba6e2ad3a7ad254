"""Finding and killing every process a local sandbox started, including ones that escaped its group.

Killing the process group catches ordinary background jobs; a process that called setsid (a daemon)
leaves the group, but it keeps the environment it inherited, so each command is tagged with a marker
variable and stray processes are found by scanning /proc/<pid>/environ. A process that also wipes its
environment (`env -i setsid ...`) escapes: the local backend is not a security boundary (use docker).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

_KILL_ROUNDS = 50  # processes may fork while being killed: repeat until none is left


def kill_process_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def pids_with_marker(marker: str) -> list[int]:
    """Pids whose environment holds the exact `NAME=value` entry `marker` (own processes only)."""
    needle = marker.encode() + b"\0"
    own_pid = os.getpid()
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        if pid == own_pid:
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours to read
            continue
        if environ.startswith(needle) or (b"\0" + needle) in environ:
            found.append(pid)
    return found


def kill_marked(marker: str, pgid: int | None = None) -> int:
    """SIGKILL the process group `pgid` and every process carrying `marker`; returns how many pids
    were signalled. Zombies keep their environ unreadable-empty, so they do not loop forever."""
    signalled: set[int] = set()
    for _ in range(_KILL_ROUNDS):
        if pgid is not None:
            kill_process_group(pgid)
        pids = [pid for pid in pids_with_marker(marker) if _is_running(pid)]
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                signalled.add(pid)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.01)
    return len(signalled)


def _is_running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    state = stat[stat.rfind(")") + 2 :].split(" ", 1)[0]
    return state not in ("Z", "X")
