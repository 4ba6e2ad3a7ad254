"""Repository-relative scope globs, as specs use them, with gitignore semantics (the `pathspec` library).

Every glob is anchored at the repository root: `*` and `?` stay inside one folder, `**` spans any
number of folders, `[...]` is a character class, and a glob that matches a folder covers everything
inside it (`src` and `src/*` both cover `src/sub/a.py`). Whatever the globs say, nothing inside a
`.git` folder (at any depth) or the top-level `.interns` folder ever matches: those are git's and
interns' own state, and a scope of `**` must not let a model rewrite them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

GLOB_CHARS = set("*?[")
# compared case-insensitively: on a case-insensitive file system `.GIT/config` is `.git/config`
_NEVER_IN_SCOPE_ANYWHERE = ".git"
_NEVER_IN_SCOPE_AT_TOP = ".interns"


def is_pattern(glob: str) -> bool:
    return any(char in glob for char in GLOB_CHARS)


def _clean_glob(glob: str) -> str:
    glob = glob.strip()
    while glob.startswith("./"):
        glob = glob[2:]
    return glob.lstrip("/")


@lru_cache(maxsize=1024)
def _pattern(glob: str) -> GitIgnoreBasicPattern | None:
    """The glob as an anchored gitignore pattern; None for an empty glob (matches nothing).
    The leading `/` anchors it at the root and also keeps a leading `!` or `#` literal."""
    glob = _clean_glob(glob)
    return GitIgnoreBasicPattern("/" + glob) if glob else None


def path_parts(path: str) -> list[str] | None:
    """The path's components (`.` and empty ones dropped), or None when it climbs out with `..`."""
    parts = [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    return None if ".." in parts else parts


def is_reserved(parts: list[str]) -> bool:
    """True for paths inside `.git` (any depth) or the top-level `.interns` folder."""
    if any(part.lower() == _NEVER_IN_SCOPE_ANYWHERE for part in parts):
        return True
    return bool(parts) and parts[0].lower() == _NEVER_IN_SCOPE_AT_TOP


def matches_any(path: str, globs: tuple[str, ...] | list[str]) -> bool:
    parts = path_parts(path)
    if not parts or is_reserved(parts):
        return False
    # gitignore semantics: a path matches when it, or one of the folders holding it, matches
    candidates = ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts))] + ["/".join(parts)]
    patterns = [pattern for pattern in (_pattern(glob) for glob in globs) if pattern is not None]
    return any(pattern.match_file(candidate) is not None for pattern in patterns for candidate in candidates)


def repo_files(root: Path) -> list[str]:
    """Every regular file below root, relative and POSIX, skipping .git, the .interns state folder
    and symlinks (a committed link may point anywhere on the machine)."""
    files: list[str] = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".git/", ".interns/state")) or rel == ".git":
            continue
        if path.is_file() and not path.is_symlink():
            files.append(rel)
    return sorted(files)


def expand(globs: tuple[str, ...] | list[str], files: list[str]) -> list[str]:
    return [file for file in files if matches_any(file, globs)]
