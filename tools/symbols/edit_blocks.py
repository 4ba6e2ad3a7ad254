"""The symbol-edit block format: how a model gives the new version of one function, method or class.

    path/to/file.py::function_name
    ```python
    def function_name(...):
        ...
    ```

`path::Class.method` names a method. The header may also sit in the fence's info string
(```python path::name) or as a comment on the block's first line (# path::name); backticks, bold
and a `File:` prefix around it are ignored, and `Class::method` or `name()` are understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interns.tools.symbols.extract import normalize_name
from interns.tools.symbols.model import SymbolEditError

SYMBOL_EDIT_PROTOCOL = """Some large files are shown only in part (marked PARTIAL VIEW): never rewrite such a file whole.
Change it by giving the complete new version of each function, method or class you change: write
`path::name` alone on one line (`path::Class.method` for a method), then a fenced block holding the
whole new definition, with its decorators:

src/app/big_module.py::parse_date
```python
def parse_date(text):
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))
```

src/app/big_module.py::Parser.feed
```python
def feed(self, data):
    self.buffer += data
```

A name that does not exist yet is added (a function at the end of the file, a method at the end of
its class). Write every line of the definition: never use "..." to skip code."""

HEADER = re.compile(
    r"^\s*(?:#+|//|--)?\s*(?:(?:file|path|symbol)\s*[:=]\s*)?[*_`'\"]*"
    r"(?P<path>[\w.\-/]+)::(?P<name>[\w$.:]+?)(?:\(\))?[*_`'\":]*\s*$",
    re.IGNORECASE,
)
FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
MAX_PROSE_LINES = 2
NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


@dataclass(frozen=True)
class SymbolEdit:
    path: str  # repository-relative, POSIX
    symbol: str  # "function", "Class.method"
    code: str  # the new definition, as the model wrote it (splice_symbol re-indents it)


def _header(text: str) -> tuple[str, str] | None:
    match = HEADER.match(text)
    if not match:
        return None
    path = match.group("path")
    if path.startswith("./"):
        path = path[2:]
    return path, normalize_name(match.group("name"))


def _checked(path: str, name: str, line_number: int) -> tuple[str, str]:
    if not NAME.fullmatch(name):
        raise SymbolEditError(f"line {line_number} of your answer: `{name}` is not a function, class or method name")
    return path, name


def parse_symbol_edits(answer: str) -> list[SymbolEdit]:
    """Every symbol edit in the answer, in order; other blocks (whole files, SEARCH/REPLACE) are skipped.

    Raises SymbolEditError (a message for the model) for a header without a block, a block that is
    never closed, or an empty block.
    """
    lines = re.split(r"\r\n|\r|\n", answer)
    edits: list[SymbolEdit] = []
    pending: tuple[str, str, int] | None = None  # a header waiting for its block
    prose_lines = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if not fence:
            header = _header(line)
            if header:
                if pending:
                    raise SymbolEditError(f"line {pending[2]} of your answer names `{pending[0]}::{pending[1]}` but no ``` code block follows it")
                pending = (*_checked(*header, index + 1), index + 1)
                prose_lines = 0
            elif line.strip() and pending:
                prose_lines += 1  # "Here is the new version:" between the header and its block is fine
                if prose_lines > MAX_PROSE_LINES:
                    raise SymbolEditError(f"line {pending[2]} of your answer names `{pending[0]}::{pending[1]}` but no ``` code block follows it")
            index += 1
            continue
        body, index = _block_body(lines, index, fence.group("fence"))
        target = None
        info_header = next((h for word in fence.group("info").split() if (h := _header(word))), None)
        if info_header:
            target = info_header
        elif pending:
            target = pending[:2]
        elif body and (first := _header(body[0])) and re.match(r"^\s*(#|//)", body[0]):
            target, body = first, body[1:]
        pending = None
        if target is None:
            continue
        path, name = _checked(*target, index)
        code = "\n".join(body).strip("\n")
        if not code.strip():
            raise SymbolEditError(f"the code block for `{path}::{name}` is empty")
        edits.append(SymbolEdit(path=path, symbol=name, code=code + "\n"))
    if pending:
        raise SymbolEditError(f"line {pending[2]} of your answer names `{pending[0]}::{pending[1]}` but no ``` code block follows it")
    return edits


def _block_body(lines: list[str], start: int, fence: str) -> tuple[list[str], int]:
    """The lines of the block opened at `start`, and the index after its closing fence."""
    index = start + 1
    body: list[str] = []
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            return body, index + 1
        body.append(lines[index])
        index += 1
    raise SymbolEditError(f"the code block opened on line {start + 1} of your answer is never closed with {fence}")
