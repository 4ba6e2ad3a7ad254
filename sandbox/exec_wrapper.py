"""The POSIX sh wrapper every docker command runs under, and the trailer it reports back.

The wrapper runs the command with bash (sh when the image has no bash), stdout and stderr merged on
stdout as a person would see them; when it returns, `kill -9 -1` (atomic in the kernel, so a fork bomb
cannot outrun it) kills every process of the command's uid except the wrapper itself: nothing a command
leaves in the background survives it. It then reads the container's OOM-kill counter and writes one
trailer line `<nonce> <exit code> <oom kills>` on stderr and exits with the command's code (the
backend checks both agree: a command that killed the wrapper cannot pass off a forged trailer).
Only shell builtins run after the command, so it still works when the pids limit is exhausted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sets $oom to the container's OOM-kill counter (cgroup v2, else v1; -1 when there is none).
READ_OOM = r"""oom=-1
for events in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do
  if [ -r "$events" ]; then
    oom=0
    while read -r key value; do [ "$key" = oom_kill ] && oom=$value; done < "$events"
    break
  fi
done
"""

WRAPPER = (
    r"""
nonce=$1
if command -v bash >/dev/null 2>&1; then bash -c "$2" 2>&1; else sh -c "$2" 2>&1; fi
rc=$?
kill -9 -1 2>/dev/null
"""
    + READ_OOM
    + r"""printf '%s %s %s\n' "$nonce" "$rc" "$oom" >&2
exit "$rc"
"""
)

# Reads the OOM-kill counter only (used when the wrapper itself was killed, and at container start).
OOM_COUNTER = "\n" + READ_OOM + 'echo "$oom"\n'

KILL_ALL = "kill -9 -1 2>/dev/null; exit 0"


def wrapper_argv(nonce: str, command: str) -> list[str]:
    return ["sh", "-c", WRAPPER, "interns-exec", nonce, command]


@dataclass(frozen=True)
class Trailer:
    exit_code: int
    oom_kills: int  # -1 when the container exposes no memory cgroup counter


def parse_trailer(stderr: bytes, nonce: str) -> Trailer | None:
    """The last trailer line: the wrapper writes it after killing every process of the command, so a
    command that read the nonce (it is in the wrapper's argv) can only forge lines *before* it."""
    matches = re.findall(rb"^" + re.escape(nonce.encode()) + rb" (\d+) (-?\d+)$", stderr, re.MULTILINE)
    if not matches:
        return None
    exit_code, oom_kills = matches[-1]
    return Trailer(int(exit_code), int(oom_kills))
