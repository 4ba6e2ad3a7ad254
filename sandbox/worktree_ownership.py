"""Lending a root-owned worktree to the sandbox's unprivileged stand-in uid for one command, then taking it back.

When interns runs as root (CI runners, containers) the worktree belongs to root, and running the
sandbox's commands as the worktree's owner would mean uid 0 inside. Instead they run as a fixed
unprivileged uid (container_spec.STAND_IN_UID); for the command to write the worktree, its entries are
chowned to that uid on the host just before the command (`lend`), and everything that uid owns there
afterwards, the command's new files included, is chowned back to the real owner (`take_back`), so the
user (root) owns the worktree again before any host-side step (git) looks at it.

Both walks are careful, because the tree was just in the hands of untrusted code:
- they go through directory file descriptors (`os.fwalk`) and change owners with
  `follow_symlinks=False`: a symlink is never followed, a directory swapped for a link is not entered;
- they stay on the worktree's filesystem and inside it (mount points and symlinked folders are skipped);
- `lend` leaves the top-level `.git` (host git's pointer, never the command's) and files with several
  hard links (another link may be outside the worktree) with their owner: the command can read them only;
- `take_back` also clears set-uid/set-gid bits on what it gives back, so no command can leave a
  set-uid-root program behind.
Commands run one at a time and their leftover processes are killed before `take_back`, so nothing of
the stand-in uid runs while the tree is walked.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

_KEEP_OWNER_AT_TOP = frozenset({".git"})


def lend(worktree: Path, owner_uid: int, to_uid: int) -> None:
    """Give `to_uid` every entry of the worktree that `owner_uid` owns (groups unchanged)."""

    def change(name: str, info: os.stat_result, dir_fd: int) -> None:
        if info.st_uid != owner_uid:
            return
        if not stat.S_ISDIR(info.st_mode) and info.st_nlink > 1:
            return  # a hard link may also be a file outside the worktree
        os.chown(name, to_uid, -1, dir_fd=dir_fd, follow_symlinks=False)

    _walk(worktree, change, skip_at_top=_KEEP_OWNER_AT_TOP)


def take_back(worktree: Path, lent_uid: int, lent_gid: int, owner_uid: int, owner_gid: int) -> None:
    """Give the owner back everything `lent_uid` owns in the worktree (files it made get the owner's group)."""

    def change(name: str, info: os.stat_result, dir_fd: int) -> None:
        if info.st_uid != lent_uid:
            return
        os.chown(name, owner_uid, owner_gid if info.st_gid == lent_gid else -1, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and info.st_mode & (stat.S_ISUID | stat.S_ISGID):
            # lstat said regular file and nothing else runs now: chmod (which follows links) is safe here
            os.chmod(name, stat.S_IMODE(info.st_mode) & ~(stat.S_ISUID | stat.S_ISGID), dir_fd=dir_fd)

    _walk(worktree, change, skip_at_top=frozenset())


def _walk(worktree: Path, change: Callable[[str, os.stat_result, int], None], skip_at_top: frozenset[str]) -> None:
    """Call `change(name, lstat, dir_fd)` for the worktree itself and every entry below it, on its own
    filesystem, never through a symlink."""
    top = str(worktree)
    top_info = os.lstat(top)
    if not stat.S_ISDIR(top_info.st_mode):
        raise NotADirectoryError(f"{worktree} is not a directory (or is a symlink)")
    parent_fd = os.open(os.path.dirname(top) or ".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        _tolerant(change, os.path.basename(top), top_info, parent_fd)
    finally:
        os.close(parent_fd)
    for dirpath, dirnames, filenames, dir_fd in os.fwalk(top, follow_symlinks=False):
        at_top = dirpath == top
        for name in list(dirnames):
            info = _lstat(name, dir_fd)
            if info is None or (at_top and name in skip_at_top) or info.st_dev != top_info.st_dev or not stat.S_ISDIR(info.st_mode):
                dirnames.remove(name)  # not entered: gone, kept, another filesystem, or a symlink to a folder
                if info is not None and stat.S_ISLNK(info.st_mode):
                    _tolerant(change, name, info, dir_fd)
                continue
            _tolerant(change, name, info, dir_fd)
        for name in filenames:
            info = _lstat(name, dir_fd)
            if info is None or (at_top and name in skip_at_top) or info.st_dev != top_info.st_dev:
                continue
            _tolerant(change, name, info, dir_fd)


def _lstat(name: str, dir_fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _tolerant(change: Callable[[str, os.stat_result, int], None], name: str, info: os.stat_result, dir_fd: int) -> None:
    try:
        change(name, info, dir_fd)
    except FileNotFoundError:  # removed meanwhile (a sandbox stopping while its last command ends)
        pass


__all__ = ["lend", "take_back"]
