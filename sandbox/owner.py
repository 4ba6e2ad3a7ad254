"""Which process owns a sandbox, and whether that owner is still alive.

Leftovers (containers, stray processes) are tagged with their owner: host, pid and the pid's start time
(so a recycled pid is not mistaken for the owner). `prune` removes only leftovers whose owner is dead,
so a concurrent live run on the same engine keeps its sandboxes.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


def _boot_id() -> str:
    # Differs after a reboot, so pids from before the reboot never count as alive.
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def process_start_time(pid: int) -> str:
    """Start time of `pid` in clock ticks since boot ("" when unknown or gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


@dataclass(frozen=True)
class Owner:
    host: str
    boot_id: str
    pid: int
    start_time: str

    @classmethod
    def current(cls) -> Owner:
        pid = os.getpid()
        return cls(socket.gethostname(), _boot_id(), pid, process_start_time(pid))

    def as_labels(self, prefix: str = "interns.owner") -> dict[str, str]:
        return {
            f"{prefix}.host": self.host,
            f"{prefix}.boot": self.boot_id,
            f"{prefix}.pid": str(self.pid),
            f"{prefix}.start": self.start_time,
        }

    @classmethod
    def from_labels(cls, labels: dict[str, str], prefix: str = "interns.owner") -> Owner | None:
        try:
            return cls(
                labels[f"{prefix}.host"],
                labels.get(f"{prefix}.boot", ""),
                int(labels[f"{prefix}.pid"]),
                labels.get(f"{prefix}.start", ""),
            )
        except (KeyError, ValueError):
            return None

    def is_local(self) -> bool:
        """Same machine (and same boot) as the current process, so liveness can be checked."""
        return self.host == socket.gethostname()

    def is_alive(self) -> bool:
        """True when the owner still runs. An owner on another host cannot be checked: assumed alive."""
        if not self.is_local():
            return True
        if self.boot_id and self.boot_id != _boot_id():
            return False
        current_start = process_start_time(self.pid)
        if not current_start:
            return False
        return not self.start_time or current_start == self.start_time
