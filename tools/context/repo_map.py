"""The compact repository map: one line per source file with its top-level definitions."""

from __future__ import annotations

from pathlib import PurePosixPath

from interns.tools.symbols import Symbol

MAX_NAMES = 30


def map_line(path: str, symbols: list[Symbol], mark: str = "") -> str:
    """`path: a, b, Class` (top-level names, in file order, each once)."""
    names: list[str] = []
    for symbol in symbols:
        if symbol.parent is None and "." not in symbol.name and symbol.name not in names:
            names.append(symbol.name)
    label = f"{path} ({mark})" if mark else path
    if not names:
        return label
    shown = names[:MAX_NAMES]
    more = f", ... +{len(names) - len(shown)}" if len(names) > len(shown) else ""
    return f"{label}: {', '.join(shown)}{more}"


def proximity_order(paths: list[str], near: list[str]) -> list[str]:
    """Files in the same folder as an in-scope file first, then the same top folder, then the rest."""
    folders = {PurePosixPath(path).parent.as_posix() for path in near}
    tops = {PurePosixPath(path).parts[0] for path in near if len(PurePosixPath(path).parts) > 1}

    def rank(path: str) -> tuple[int, str]:
        pure = PurePosixPath(path)
        if pure.parent.as_posix() in folders:
            return (0, path)
        if len(pure.parts) > 1 and pure.parts[0] in tops:
            return (1, path)
        return (2, path)

    return sorted(paths, key=rank)
