"""Map the file paths a model writes onto the files the task may change.

Small models copy placeholders (`path/to/hello.py`) or drop folders (`text.py` for `src/text.py`);
when the intended file is unambiguous it is better to take the edit than to refuse it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from interns.globs import matches_any
from interns.tools.edits.model import Edit


def resolve_edit_paths(edits: list[Edit], allowed_globs: tuple[str, ...] | list[str], editable_files: list[str]) -> list[Edit]:
    """Edits whose path is outside the scope but names exactly one editable file by its trailing
    path components are pointed at that file; everything else is left for the scope check."""
    resolved = []
    for edit in edits:
        if matches_any(edit.path, allowed_globs):
            resolved.append(edit)
            continue
        resolved.append(replace(edit, path=_unique_match(edit.path, editable_files) or edit.path))
    return resolved


def _unique_match(path: str, editable_files: list[str]) -> str | None:
    parts = PurePosixPath(path).parts
    # the longest tail of the written path that ends exactly one editable path wins
    for length in range(len(parts), 0, -1):
        tail = "/".join(parts[-length:])
        matches = [file for file in editable_files if file == tail or file.endswith("/" + tail)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            return None
    return None
