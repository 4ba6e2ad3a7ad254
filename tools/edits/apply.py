"""Apply parsed edits to a worktree, refusing anything outside the task's scope.

A model's paths are hostile input: besides the scope globs, every path is checked on disk (no
symlink followed, never inside .git or .interns) both when the edits are planned (reading the
current content) and when they are written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from interns.globs import matches_any
from interns.tools.edits.model import Edit, EditKind, MalformedAnswer
from interns.tools.safe_paths import UnsafePathError, resolve_inside, write_file_inside


class ApplyError(MalformedAnswer):
    """An edit that cannot be applied (a SEARCH text not in the file ...); told to the model."""


class OutOfScopeError(MalformedAnswer):
    """An edit to a file the spec does not allow; told to the model and counted."""


class WriteRefusedError(MalformedAnswer):
    """Writing an answer's files failed (a symlink, a folder in the way, a full disk): this sample
    is refused and the model told; the run goes on."""


def check_partial_files(edits: list[Edit], partial_files: tuple[str, ...] | list[str]) -> None:
    """A file the model saw only in part must not be rewritten whole: the rest would be lost."""
    whole = sorted({edit.path for edit in edits if edit.kind is EditKind.WHOLE_FILE and edit.path in partial_files})
    if whole:
        raise MalformedAnswer(
            "these files were shown only in part, so they cannot be rewritten whole: " + ", ".join(whole)
            + "; give `path::name` blocks with the new functions, or SEARCH/REPLACE blocks"
        )


def check_scope(edits: list[Edit], allowed_globs: tuple[str, ...] | list[str]) -> None:
    outside = sorted({edit.path for edit in edits if not matches_any(edit.path, allowed_globs) or ".." in edit.path.split("/") or edit.path.startswith("/")})
    if outside:
        raise OutOfScopeError(
            "you may only change files matching " + ", ".join(allowed_globs) + "; refused edits to: " + ", ".join(outside)
        )


def _apply_search_replace(original: str, edit: Edit) -> str:
    """Replace whole lines: exact first, then ignoring trailing white space (a common slip)."""
    if edit.search.strip() == "":
        if original.strip():
            raise ApplyError(f"{edit.path}: an empty SEARCH block only works for a new file; copy the lines to replace")
        return edit.replace + ("\n" if edit.replace and not edit.replace.endswith("\n") else "")
    lines = original.split("\n")
    search_lines = edit.search.split("\n")
    for normalise in (lambda line: line, lambda line: line.rstrip()):
        wanted = [normalise(line) for line in search_lines]
        have = [normalise(line) for line in lines]
        for start in range(len(have) - len(wanted) + 1):
            if have[start : start + len(wanted)] == wanted:
                return "\n".join(lines[:start] + edit.replace.split("\n") + lines[start + len(wanted) :])
    if edit.search in original:  # a snippet inside a line
        return original.replace(edit.search, edit.replace, 1)
    raise ApplyError(f"{edit.path}: the SEARCH text was not found in the file; copy it exactly from the file as shown")


def apply_edits(worktree: Path, edits: list[Edit], splice_symbol=None) -> list[str]:
    """Write the edits; returns the changed paths. All edits are checked before anything is written."""
    contents = plan_edits(worktree, edits, splice_symbol)
    write_contents(worktree, contents)
    return sorted(contents)


def plan_edits(worktree: Path, edits: list[Edit], splice_symbol=None) -> dict[str, str]:
    """The new content of every file the edits touch, computed without writing anything.

    Raises ApplyError (a MalformedAnswer: the message is for the model) when an edit cannot apply.
    """
    new_contents: dict[str, str] = {}
    for edit in edits:
        target = _checked_target(worktree, edit.path)
        current = new_contents.get(edit.path)
        if current is None:  # bytes, not text mode: CRLF files stay CRLF
            current = _read_existing(target, edit.path)
        if edit.kind is EditKind.WHOLE_FILE:
            current = edit.content
        elif edit.kind is EditKind.SEARCH_REPLACE:
            if not target.exists() and edit.path not in new_contents and edit.search.strip():
                raise ApplyError(f"{edit.path}: no such file to search in; give the whole file instead")
            current = _apply_search_replace(current, edit)
        elif edit.kind is EditKind.SYMBOL:
            if splice_symbol is None:
                raise ApplyError(f"{edit.path}::{edit.symbol}: symbol edits are not supported here; give the whole file")
            try:
                current = splice_symbol(current, edit.symbol, edit.content, path=edit.path)
            except (ValueError, SyntaxError) as error:
                raise ApplyError(f"{edit.path}::{edit.symbol}: {error}") from error
        new_contents[edit.path] = current
    return new_contents


def _checked_target(worktree: Path, path: str) -> Path:
    """The edit's file, refused (told to the model) when it is not a real path inside the worktree."""
    try:
        return resolve_inside(worktree, path)
    except UnsafePathError as error:
        raise OutOfScopeError(f"refused edit: {error}") from error


def _read_existing(target: Path, path: str) -> str:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return ""
    except OSError as error:
        raise ApplyError(f"{path}: cannot be read ({error.strerror})") from error
    if not stat.S_ISREG(info.st_mode):
        raise ApplyError(f"{path}: is not a regular file (a folder?); name a file")
    try:
        return target.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApplyError(f"{path}: is not UTF-8 text; it cannot be edited") from error
    except OSError as error:
        raise ApplyError(f"{path}: cannot be read ({error.strerror})") from error


def write_contents(worktree: Path, contents: dict[str, str]) -> None:
    """Write the planned files; any refusal or OSError is a WriteRefusedError for this sample."""
    for path, content in contents.items():
        try:
            write_file_inside(worktree, path, content.encode("utf-8"))
        except UnsafePathError as error:
            raise WriteRefusedError(f"refused edit: {error}") from error
        except OSError as error:
            raise WriteRefusedError(f"{path}: could not be written ({error.strerror or error})") from error
