"""Atomic file and directory publication: a killed writer never leaves something that looks complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def fsync_dir(path: Path) -> None:
    """Persist a rename inside `path` (directory entries need their own fsync)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Yield a temp file next to `target`; on success fsync and rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_file(target) as handle:
        handle.write(data)


@contextmanager
def atomic_directory(target: Path) -> Iterator[Path]:
    """Yield a temp directory next to `target`; on success fsync its files and rename it to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial"))
    try:
        yield temp
        for child in temp.iterdir():
            if child.is_file():
                with open(child, "rb+") as handle:
                    os.fsync(handle.fileno())
        fsync_dir(temp)
        if target.exists():  # a concurrent writer won: theirs is equally valid
            shutil.rmtree(temp, ignore_errors=True)
            return
        os.replace(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def remove_stale_partials(directory: Path, stem: str) -> None:
    """Delete leftovers of killed writers for `stem` (temp names start with `.{stem}.`)."""
    if not directory.is_dir():
        return
    for leftover in directory.glob(f".{stem}.*.partial"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


@contextmanager
def exclusive_lock(lock_file: Path) -> Iterator[None]:
    """An advisory inter-process lock (flock), released when the block exits or the process dies."""
    import fcntl

    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
