"""The repository's files as the context builder sees them: pruned walk, text reading, cached symbols."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from interns.tools.symbols import Symbol, extract_symbols, language_of

# folders that never hold the project's own code
SKIPPED_DIRS = {".git", ".hg", ".svn", ".interns", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
                ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".eggs", "target", ".idea", ".vscode"}
MAX_SOURCE_BYTES = 1_000_000
MAX_LISTED_FILES = 20_000
_SYMBOL_CACHE: dict[tuple[str, str], list[Symbol]] = {}
_CACHE_LIMIT = 4096


def list_repo_files(root: Path) -> list[str]:
    """Every file below root (relative, POSIX, sorted), skipping VCS folders, virtualenvs, caches and
    symlinks (os.walk does not descend into linked folders either)."""
    files: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info") and not (Path(folder) / d / "pyvenv.cfg").exists())
        base = Path(folder).relative_to(root)
        for name in names:
            if os.path.islink(os.path.join(folder, name)):
                continue  # a committed symlink may point anywhere on the machine: never listed, read or edited
            files.append((base / name).as_posix())
            if len(files) >= MAX_LISTED_FILES:
                return sorted(files)
    return sorted(files)


def read_text(path: Path) -> str | None:
    """The file's text with line endings as they are (so views match the bytes), None for binary."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def is_source(path: str) -> bool:
    return language_of(path) is not None


def symbols_of(root: Path, path: str, text: str | None = None) -> list[Symbol]:
    """The file's symbols, cached by content across calls (every retry re-reads the same repository)."""
    if text is None:
        file = root / path
        try:
            if file.stat().st_size > MAX_SOURCE_BYTES:
                return []
        except OSError:
            return []
        text = read_text(file)
        if text is None:
            return []
    if len(text) > MAX_SOURCE_BYTES:
        return []
    key = (path, hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())
    cached = _SYMBOL_CACHE.get(key)
    if cached is None:
        cached = extract_symbols(text, path)
        if len(_SYMBOL_CACHE) >= _CACHE_LIMIT:
            _SYMBOL_CACHE.clear()
        _SYMBOL_CACHE[key] = cached
    return cached
