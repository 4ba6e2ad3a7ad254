"""The spec picker's contents: the repo's spec files, their tasks, and `spec check` problems per file."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from interns.specs import SpecProblem, load_specs
from interns.specs.loader import spec_paths


@dataclass
class SpecEntry:
    path: str  # relative to the repo root
    spec_id: str = ""
    title: str = ""
    task_ids: list[str] = field(default_factory=list)
    problems: list[SpecProblem] = field(default_factory=list)
    uncommitted: bool = False  # runs read the committed version

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class SpecCatalog:
    root: Path
    entries: list[SpecEntry]
    problems: list[SpecProblem]  # all of them, for the problems panel

    def entry(self, path: str) -> SpecEntry | None:
        return next((entry for entry in self.entries if entry.path == path), None)


def _uncommitted(root: Path) -> set[str]:
    """Spec files whose working copy differs from HEAD (or that git does not track yet)."""
    try:
        output = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", ".interns/specs"], cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {line[3:].strip().strip('"') for line in output.splitlines() if len(line) > 3}


def load_catalog(root: Path) -> SpecCatalog:
    """Every spec of `.interns/specs/`, checked together (dependencies cross files), problems by file."""
    root = root.resolve()
    files = spec_paths(root)
    entries = {path.relative_to(root).as_posix(): SpecEntry(path.relative_to(root).as_posix()) for path in files}
    if not files:
        return SpecCatalog(root, [], [])
    loaded = load_specs(root, files)
    for parsed in loaded.specs:
        entry = entries.get(parsed.path)
        if entry is not None:
            entry.spec_id, entry.title = parsed.spec.id, parsed.spec.title
    for task in loaded.tasks:
        path = task.source.rsplit(":", 1)[0]
        if path in entries:
            entries[path].task_ids.append(task.id)
    for problem in loaded.problems:
        if problem.path in entries:
            entries[problem.path].problems.append(problem)
    changed = _uncommitted(root)
    for path, entry in entries.items():
        entry.uncommitted = path in changed
    return SpecCatalog(root, list(entries.values()), list(loaded.problems))
