"""Which spec files a run reads when given none: the config's `specs` setting, resolved one way.

`interns run` and `interns spec check` both call this, so `spec check` with no paths checks exactly
the files `run` with no paths would run. Each entry of `specs` (relative to the repository) is a
folder (its `*.md` files), a file, or a glob (`docs/specs/**/*.md`); entries that match nothing are
left out (the config's default `.interns/specs` may not exist yet).
"""

from __future__ import annotations

from pathlib import Path

from interns.globs import is_pattern


def configured_spec_files(repo: Path, entries: list[str]) -> list[Path]:
    """The spec files the config's `specs` entries name, in entry order, each file once."""
    found: list[Path] = []
    for entry in entries:
        if is_pattern(entry):
            found += sorted(path for path in repo.glob(entry) if path.is_file())
            continue
        path = repo / entry
        if path.is_dir():
            found += sorted(path.glob("*.md"))
        elif path.is_file():
            found.append(path)
    return list(dict.fromkeys(found))
