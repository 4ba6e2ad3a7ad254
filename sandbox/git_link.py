"""The worktree's `.git` link: the one file in a worktree that host-side git would trust.

`git worktree add` writes `<worktree>/.git` as a small regular file (`gitdir: <repo>/.git/worktrees/<name>`).
A sandbox command that replaces it (with a directory of its own whose config sets `core.fsmonitor`, or a
link pointing elsewhere) must never make the host run anything. Host git never reads it anyway (it is
given `--git-dir` explicitly, see tools/git_repo.py); this guard makes the tampering loud: after every
command the link must still be the same regular file, else TamperedError (the task fails "tampered").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from interns.errors import TamperedError

GIT_LINK = ".git"
MAX_LINK_BYTES = 4096  # a real link is one short line


def read_git_link(worktree: Path) -> bytes | None:
    """The `.git` file's bytes, None when the worktree has none; TamperedError when the worktree is
    not a real folder or `.git` is anything but a small regular file (a folder, a symlink, a fifo)."""
    try:
        if not stat.S_ISDIR(os.lstat(worktree).st_mode):
            raise TamperedError(f"{worktree} is no longer a folder (a symlink?)")
    except FileNotFoundError as error:
        raise TamperedError(f"{worktree} has vanished") from error
    link = worktree / GIT_LINK
    try:
        info = os.lstat(link)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        kind = "folder" if stat.S_ISDIR(info.st_mode) else "symlink" if stat.S_ISLNK(info.st_mode) else "special file"
        raise TamperedError(f"{link} was replaced by a {kind}")
    if info.st_size > MAX_LINK_BYTES:
        raise TamperedError(f"{link} was rewritten ({info.st_size} bytes)")
    descriptor = os.open(link, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(MAX_LINK_BYTES + 1)


class GitLinkGuard:
    """Remembers a worktree's `.git` link when a sandbox starts; `verify()` after each command."""

    def __init__(self, worktree: Path) -> None:
        self.worktree = Path(worktree)
        self.expected = read_git_link(self.worktree)  # None: a plain folder, nothing host git will use

    def verify(self) -> None:
        if self.expected is None:
            return
        current = read_git_link(self.worktree)
        if current is None:
            raise TamperedError(f"{self.worktree / GIT_LINK} was removed by a sandbox command")
        if current != self.expected:
            raise TamperedError(f"{self.worktree / GIT_LINK} was rewritten by a sandbox command")
