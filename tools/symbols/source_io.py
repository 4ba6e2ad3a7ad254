"""Read and write source files byte for byte (CRLF stays CRLF), and apply a symbol edit to a file."""

from __future__ import annotations

from pathlib import Path

from interns.tools.symbols.edit_blocks import SymbolEdit
from interns.tools.symbols.model import SymbolEditError
from interns.tools.symbols.splice import splice_symbol


def read_source(path: Path) -> str:
    """The file's text with its line endings untouched (`read_text` would turn CRLF into LF)."""
    return path.read_bytes().decode("utf-8")


def write_source(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def apply_symbol_edit(root: Path, edit: SymbolEdit) -> None:
    """Splice `edit` into root/edit.path (created when missing). Scope checks are the caller's job."""
    target = root / edit.path
    if target.exists():
        try:
            source = read_source(target)
        except UnicodeDecodeError:
            raise SymbolEditError(f"{edit.path} is not UTF-8 text; use a whole-file edit") from None
    else:
        source = ""
    result = splice_symbol(source, edit.symbol, edit.code, path=edit.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_source(target, result)
