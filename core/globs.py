"""Repository-relative glob patterns (`*`, `?`, `[...]`, `**` for any depth), as specs use them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

GLOB_CHARS = set("*?[")


def is_pattern(glob: str) -> bool:
    return any(char in glob for char in GLOB_CHARS)


@lru_cache(maxsize=1024)
def glob_regex(glob: str) -> re.Pattern[str]:
    """Translate a glob to a regex over POSIX relative paths; `**/` spans zero or more folders."""
    glob = glob.strip()
    if glob.startswith("./"):
        glob = glob[2:]
    parts: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            parts.append("(?:[^/]+/)*")
            index += 3
        elif glob.startswith("**", index):
            parts.append(".*")
            index += 2
        elif char == "*":
            parts.append("[^/]*")
            index += 1
        elif char == "?":
            parts.append("[^/]")
            index += 1
        elif char == "[":
            end = glob.find("]", index + 1)
            if end == -1:
                parts.append(re.escape(char))
                index += 1
            else:
                body = glob[index + 1 : end].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                parts.append(f"[{body}]")
                index = end + 1
        else:
            parts.append(re.escape(char))
            index += 1
    pattern = "".join(parts)
    # a pattern naming a folder covers everything inside it
    return re.compile(f"^{pattern}(?:/.*)?$")


def matches_any(path: str, globs: tuple[str, ...] | list[str]) -> bool:
    posix = path.replace("\\", "/").lstrip("/")
    if posix.startswith("./"):
        posix = posix[2:]
    return any(glob_regex(glob).match(posix) for glob in globs)


def repo_files(root: Path) -> list[str]:
    """Every file below root, relative and POSIX, skipping .git and the .interns state folder."""
    files: list[str] = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".git/", ".interns/state")) or rel == ".git":
            continue
        if path.is_file():
            files.append(rel)
    return sorted(files)


def expand(globs: tuple[str, ...] | list[str], files: list[str]) -> list[str]:
    return [file for file in files if matches_any(file, globs)]
