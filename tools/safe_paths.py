"""Turn a repository-relative path from hostile input (a model's answer, a committed symlink, a file a
sandbox command left) into a real path inside a worktree, or refuse it.

Refused: absolute paths, `..`, anything inside `.git` (any depth) or the top-level `.interns`, and any
existing component that is a symbolic link (a committed `src -> /etc` or `notes.txt -> /etc/shadow`
would otherwise let a write or a read land outside the worktree). The worktree path itself is the
host's and is trusted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from interns.globs import is_reserved, path_parts


class UnsafePathError(ValueError):
    """A path that does not name a real file or folder inside the worktree."""


def resolve_inside(root: Path, relative: str) -> Path:
    """`root / relative` after checking every existing component with lstat (no symlink followed);
    components that do not exist yet are fine (a new file, new folders)."""
    parts = path_parts(relative)
    if relative.startswith(("/", "\\")) or parts is None or not parts:
        raise UnsafePathError(f"{relative}: not a path inside the repository")
    if is_reserved(parts):
        raise UnsafePathError(f"{relative}: inside .git or .interns, which are never in scope")
    current = root
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            break  # the rest is to be created
        except OSError as error:
            raise UnsafePathError(f"{relative}: cannot be checked ({error.strerror})") from error
        if stat.S_ISLNK(info.st_mode):
            raise UnsafePathError(f"{relative}: goes through a symbolic link ({current.relative_to(root).as_posix()}), refused")
    return root.joinpath(*parts)


def is_real_file_inside(root: Path, relative: str) -> bool:
    """True when `relative` names an existing regular file reached without any symlink."""
    try:
        path = resolve_inside(root, relative)
    except UnsafePathError:
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def write_file_inside(root: Path, relative: str, data: bytes) -> None:
    """Write `data` to `relative`, creating its folders; refuses symlinks (also one appearing between the
    check and the write: the last component is opened with O_NOFOLLOW). OSError on disk trouble."""
    target = resolve_inside(root, relative)
    parent = root
    for part in target.relative_to(root).parts[:-1]:
        parent = parent / part
        try:
            os.mkdir(parent)
        except FileExistsError:
            pass
        if not stat.S_ISDIR(os.lstat(parent).st_mode):  # a symlink or a file where a folder should be
            raise UnsafePathError(f"{relative}: {parent.relative_to(root).as_posix()} is not a folder")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(target, flags, 0o644)
    except OSError as error:
        if stat.S_ISLNK(os.lstat(target).st_mode) if os.path.lexists(target) else False:
            raise UnsafePathError(f"{relative}: is a symbolic link, refused") from error
        raise
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
